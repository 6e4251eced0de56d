import { createConversation, parseRunEvent, reduceConversation } from '@auteryn/client'
import { isFailureEventType, type WireEvent, type WireRunFailed } from '@auteryn/client/wire'
import type { Step } from './scenarios'

function summarize(result: unknown): string {
  if (result !== null && typeof result === 'object') {
    const record = result as Record<string, unknown>
    const error = record.error as { message?: unknown } | undefined
    if (error !== undefined) return `Error: ${String(error.message ?? 'tool failed')}`
    if (typeof record.count === 'number') return `Found ${record.count} items`
    for (const value of Object.values(record)) {
      if (Array.isArray(value)) return `Found ${value.length} items`
    }
  }
  return JSON.stringify(result).slice(0, 80)
}

/**
 * The run's tool calls with their results' summaries, paired as the client's reducer pairs them
 * (results carry no id: the oldest open call of the same tool), so the rule is written once.
 */
function toolCallsOf(events: readonly WireEvent[]): Record<string, unknown>[] {
  const runId = 'json'
  let conversation = reduceConversation(createConversation(), {
    type: 'send',
    runId,
    query: 'json',
    userMessageId: 'question',
    assistantMessageId: 'answer',
  })
  for (const wire of events) {
    const parsed = parseRunEvent(JSON.stringify(wire))
    if ('event' in parsed) {
      conversation = reduceConversation(conversation, { type: 'event', runId, event: parsed.event })
    }
  }
  const answer = conversation.messages.at(-1)
  return (answer?.role === 'assistant' ? answer.parts : []).flatMap((part) =>
    part.kind === 'tool' && part.action !== undefined
      ? [
          {
            tool: part.tool,
            action: part.action,
            params: part.params,
            ...(part.result !== undefined ? { result_summary: summarize(part.result) } : {}),
          },
        ]
      : [],
  )
}

/**
 * The `stream: false` body for the same script a streaming run plays: the documented JSON shape,
 * `status: 'completed'` only when the run completed.
 */
export function jsonResult(steps: readonly Step[]): Record<string, unknown> {
  const events = steps.flatMap((step) => ('event' in step ? [step.event] : []))
  const started = events.find((event) => event.type === 'run_started')
  const completed = events.find((event) => event.type === 'run_completed')
  const failed = events.find((event): event is WireRunFailed => isFailureEventType(event.type))
  const output = events
    .filter((event) => event.type === 'text_chunk')
    .map((event) => event.content)
    .join('')
  return {
    run_id: started?.run_id,
    task_id: started?.task_id,
    status: completed ? 'completed' : failed ? 'failed' : 'incomplete',
    output,
    credits_used: completed?.credits_used ?? 0,
    duration_ms: completed?.duration_ms ?? 0,
    tool_calls: toolCallsOf(events),
    ...(failed ? { error: { code: failed.code, message: failed.message } } : {}),
  }
}
