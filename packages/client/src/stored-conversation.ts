import type {
  AgentRunErrorInfo,
  AssistantMessage,
  Conversation,
  JsonObject,
  Message,
  MessagePart,
  RunDiagnostic,
  ToolPart,
} from './types'
import { isJsonObject } from './validate'

/**
 * Reads a stored conversation back, whatever storage holds: a value that crashes the page
 * that loads it would crash it again on every reload. Every field the kit reads is checked,
 * and built afresh from the stored one, so a value it does not know never reaches a renderer:
 * strings are strings, numbers finite, and every enum (conversation and message status, part
 * kind and state, error kind, role) is one of its own values, so a state of `__proto__` is
 * refused before anything looks it up. What fails is dropped: an optional field alone, a part
 * or a message whole (or a later one reusing an id, which React needs unique). Only a value
 * without readable messages, status or credits is not restored at all.
 *
 * Text is not bounded here: the markdown renderer caps what it lexes, and shows a longer or
 * deeper answer as plain text, so no stored text can lock the page either; tool JSON is shown
 * through bounded views.
 */
export function readStoredConversation(value: unknown): Conversation | undefined {
  if (!isJsonObject(value) || !Array.isArray(value.messages) || !isJsonObject(value.credits)) {
    return undefined
  }
  const status = conversationStatus(value.status)
  const total = finite(value.credits.total)
  if (status === undefined || total === undefined) return undefined
  const messages = unique(value.messages.map(readMessage))
  const conversation: Conversation = { messages, status, credits: { total } }
  copy(conversation.credits, value.credits, { lastRun: finite })
  copy(conversation, value, { taskId: string, activeRunId: string, error: readError })
  settleStrays(conversation)
  return conversation
}

/**
 * Only the active run's answer can still be streaming, and only a streaming answer can have
 * calls waiting: anything else stored that way would show a spinner that nothing ever stops.
 */
function settleStrays(conversation: Conversation) {
  const { messages } = conversation
  const active =
    conversation.activeRunId === undefined
      ? -1
      : messages.findLastIndex((m) => m.role === 'assistant' && m.status === 'streaming')
  messages.forEach((message, index) => {
    if (message.role === 'user' || index === active) return
    if (message.status === 'streaming') message.status = 'interrupted'
    for (const part of message.parts) {
      if (part.kind === 'tool' && (part.state === 'running' || part.state === 'pending')) {
        part.state = 'no-result'
      }
    }
  })
  if (active >= 0) return
  delete conversation.activeRunId
  if (conversation.status === 'submitted' || conversation.status === 'streaming') {
    conversation.status = 'idle'
  }
}

function readMessage(value: unknown): Message | undefined {
  if (!isJsonObject(value)) return undefined
  const id = string(value.id)
  if (id === undefined) return undefined
  if (value.role === 'user') {
    const text = string(value.text)
    return text === undefined ? undefined : { id, role: 'user', text }
  }
  const status = messageStatus(value.status)
  if (value.role !== 'assistant' || status === undefined || !Array.isArray(value.parts)) {
    return undefined
  }
  const parts = value.parts.map(readPart)
  const message: AssistantMessage = { id, role: 'assistant', status, parts: [] }
  const toolIds = new Set<string>()
  for (const part of parts) {
    if (part?.kind === 'tool' && toolIds.has(part.id)) continue
    if (part?.kind === 'tool') toolIds.add(part.id)
    if (part) message.parts.push(part)
  }
  copy(message, value, {
    runId: string,
    creditsUsed: finite,
    durationMs: finite,
    error: readError,
    diagnostics: (diagnostics) =>
      Array.isArray(diagnostics) ? present(diagnostics.map(readDiagnostic)) : undefined,
  })
  return message
}

function readPart(value: unknown): MessagePart | undefined {
  if (!isJsonObject(value)) return undefined
  if (value.kind === 'text') {
    const text = string(value.text)
    return text === undefined ? undefined : { kind: 'text', text }
  }
  const [id, tool, state] = [string(value.id), string(value.tool), toolState(value.state)]
  if (value.kind !== 'tool' || id === undefined || tool === undefined || state === undefined) {
    return undefined
  }
  const part: ToolPart = { kind: 'tool', id, tool, state }
  // Params and results are any JSON, shown only as escaped text: whatever JSON.parse made.
  return copy(part, value, { action: string, params: json, result: json })
}

function readError(value: unknown): AgentRunErrorInfo | undefined {
  if (!isJsonObject(value)) return undefined
  const [kind, message] = [errorKind(value.kind), string(value.message)]
  if (kind === undefined || message === undefined) return undefined
  const error: AgentRunErrorInfo = { kind, message }
  return copy(error, value, { status: finite, retryAfterMs: finite, code: string })
}

function readDiagnostic(value: unknown): RunDiagnostic | undefined {
  if (!isJsonObject(value)) return undefined
  const [kind, message, data] = [
    diagnosticKind(value.kind),
    string(value.message),
    string(value.data),
  ]
  return kind && message !== undefined && data !== undefined ? { kind, message, data } : undefined
}

type Reader<T> = (value: unknown) => T | undefined

/** Sets each of `readers`' keys on `target` that `source` has as an own, readable value. */
function copy<T extends object>(
  target: T,
  source: JsonObject,
  readers: { [K in keyof T]?: Reader<T[K]> },
): T {
  for (const key of Object.keys(readers) as (keyof T & string)[]) {
    const value = readers[key]!(source[key])
    if (value !== undefined) target[key] = value
  }
  return target
}

function oneOf<T extends string>(...values: T[]): Reader<T> {
  return (value) => (values.includes(value as T) ? (value as T) : undefined)
}

const string: Reader<string> = (value) => (typeof value === 'string' ? value : undefined)
const finite: Reader<number> = (value) => (Number.isFinite(value) ? (value as number) : undefined)
const json: Reader<JsonObject[string]> = (value) => value as JsonObject[string] | undefined
const conversationStatus = oneOf('idle', 'submitted', 'streaming', 'error')
const messageStatus = oneOf('streaming', 'complete', 'stopped', 'interrupted', 'error')
const toolState = oneOf('pending', 'running', 'done', 'error', 'no-result')
const diagnosticKind = oneOf('malformed_event', 'unknown_event')
const errorKind = oneOf(
  'http',
  'network',
  'protocol',
  'interrupted',
  'run_failed',
  'timeout',
  'aborted',
)

function present<T>(values: (T | undefined)[]): T[] {
  return values.filter((value) => value !== undefined)
}

/** Messages that were read, without a later one reusing an earlier one's id. */
function unique(messages: (Message | undefined)[]): Message[] {
  const ids = new Set<string>()
  return present(messages).filter((message) => !ids.has(message.id) && ids.add(message.id))
}
