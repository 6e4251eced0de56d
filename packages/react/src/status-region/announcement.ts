import type {
  AgentRunErrorInfo,
  AssistantMessage,
  ConversationStatus,
  Message,
} from '@auteryn/client'
import type { ChatLabels } from '../labels'

/** The part of a conversation the live region listens to. */
export interface AnnouncementSnapshot {
  status: ConversationStatus
  messages: readonly Message[]
  error?: AgentRunErrorInfo
}

function lastAssistant(messages: readonly Message[]): AssistantMessage | undefined {
  // The answer being written is almost always the last message: this loop ends at once.
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]
    if (message?.role === 'assistant') return message
  }
  return undefined
}

function toolCount(message: AssistantMessage | undefined): number {
  let count = 0
  for (const part of message?.parts ?? []) if (part.kind === 'tool') count++
  return count
}

function newestTool(message: AssistantMessage): string | undefined {
  for (let index = message.parts.length - 1; index >= 0; index--) {
    const part = message.parts[index]
    if (part?.kind === 'tool') return part.tool
  }
  return undefined
}

/**
 * What changed between two snapshots that a screen-reader user should hear, or `undefined`.
 * Only transitions speak (a run starts, a tool is used, the answer ends); streamed text never does.
 */
export function announcementFor(
  previous: AnnouncementSnapshot,
  next: AnnouncementSnapshot,
  labels: ChatLabels,
): string | undefined {
  const before = lastAssistant(previous.messages)
  const after = lastAssistant(next.messages)
  const sameAnswer = before !== undefined && before.id === after?.id

  // Only an answer seen before can finish: a restored or swapped-in conversation stays silent.
  if (sameAnswer && after.status !== before.status) {
    if (after.status === 'complete') return labels.responseComplete
    if (after.status === 'stopped') return labels.responseStopped
    if (after.status === 'error' || after.status === 'interrupted') {
      return labels.responseFailed(
        after.error?.message ?? next.error?.message ?? labels.interrupted,
      )
    }
  }
  if (after?.status === 'streaming' && toolCount(after) > (sameAnswer ? toolCount(before) : 0)) {
    const tool = newestTool(after)
    if (tool !== undefined) return labels.agentUsedTool(tool)
  }
  if (next.status === 'error' && previous.status !== 'error') {
    return labels.responseFailed(next.error?.message ?? '')
  }
  // Once per outage: its attempts keep the status, and the stream going on again says nothing.
  if (next.status === 'reconnecting' && previous.status !== 'reconnecting') {
    return labels.reconnecting
  }
  const wasLive = previous.status === 'streaming' || previous.status === 'reconnecting'
  if (next.status === 'streaming' && !wasLive) return labels.agentResponding
  return undefined
}
