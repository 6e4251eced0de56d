import type {
  AgentRunErrorInfo,
  AssistantMessage,
  Conversation,
  JsonObject,
  Message,
  MessageFeedback,
  MessagePart,
  MessageVersion,
  ResumableRun,
  RunDiagnostic,
  ToolPart,
} from './types'
import { isJsonObject } from './validate'

/**
 * Reads a stored conversation back, whatever storage holds: a value that crashes the page
 * that loads it would crash it again on every reload. Every field the kit reads is checked,
 * and built afresh from the stored one, so a value it does not know never reaches a renderer:
 * strings are strings, numbers finite, and every enum (conversation and message status, part
 * kind and state, error kind, role, feedback rating) is one of its own values, so a state of
 * `__proto__` is refused before anything looks it up. What fails is dropped: an optional field
 * alone (a feedback, a version), a part or a message whole (or a later one reusing an id, which
 * React needs unique). Only a value without readable messages, status or credits is not
 * restored at all.
 *
 * Text is not bounded here. That no stored text can lock or crash the page rests on the
 * markdown renderer's cap on what it lexes (past it, an answer shows as plain text), not on
 * anything having rendered once before it was stored; tool JSON is shown through bounded views.
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
  copy(conversation, value, {
    taskId: string,
    activeRunId: string,
    error: readError,
    resumable: (run) =>
      isResumableRun(run) ? { key: run.key, lastEventId: run.lastEventId } : undefined,
  })
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
    if (message.role === 'assistant' && index !== active) settle(message)
  })
  if (active >= 0) return
  delete conversation.activeRunId
  if (conversation.status !== 'idle' && conversation.status !== 'error') {
    conversation.status = 'idle'
  }
}

/** An answer stored as streaming, outside the active run, was cut: interrupted, calls unanswered. */
function settle(answer: AssistantMessage) {
  if (answer.status === 'streaming') answer.status = 'interrupted'
  for (const part of answer.parts) {
    if (part.kind === 'tool' && part.state === 'running') {
      part.state = 'no-result'
    }
  }
}

function readMessage(value: unknown): Message | undefined {
  if (!isJsonObject(value)) return undefined
  if (value.role !== 'user') {
    const answer = readAnswer(value)
    return answer && copy(answer, value, { versions: readVersions })
  }
  const [id, text] = [string(value.id), string(value.text)]
  return id === undefined || text === undefined ? undefined : { id, role: 'user', text }
}

/** An answer, without versions: the answer a version keeps has none (the shape never nests). */
function readAnswer(value: unknown): AssistantMessage | undefined {
  if (!isJsonObject(value)) return undefined
  const [id, status] = [string(value.id), messageStatus(value.status)]
  if (value.role !== 'assistant' || id === undefined || status === undefined) return undefined
  if (!Array.isArray(value.parts)) return undefined
  const message: AssistantMessage = { id, role: 'assistant', status, parts: [] }
  const toolIds = new Set<string>()
  for (const part of value.parts.map(readPart)) {
    if (part?.kind === 'tool' && toolIds.has(part.id)) continue
    if (part?.kind === 'tool') toolIds.add(part.id)
    if (part) message.parts.push(part)
  }
  return copy(message, value, {
    runId: string,
    creditsUsed: finite,
    durationMs: finite,
    error: readError,
    diagnostics: (diagnostics) =>
      Array.isArray(diagnostics) ? present(diagnostics.map(readDiagnostic)) : undefined,
    feedback: readFeedback,
  })
}

function readVersions(value: unknown): MessageVersion[] | undefined {
  if (!Array.isArray(value)) return undefined
  const versions = present(
    value.map((version) => {
      if (!isJsonObject(version)) return undefined
      const [question, answer] = [string(version.question), readAnswer(version.answer)]
      if (question === undefined || answer === undefined) return undefined
      // An earlier answer is never the one streaming now.
      settle(answer)
      return { question, answer }
    }),
  )
  return versions.length > 0 ? versions : undefined
}

function readFeedback(value: unknown): MessageFeedback | undefined {
  if (!isJsonObject(value)) return undefined
  const rating = feedbackRating(value.rating)
  const feedback: MessageFeedback | undefined = rating && { rating }
  return feedback && copy(feedback, value, { comment: string })
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
  return copy(part, value, { action: string, params: json, result: json, durationMs: finite })
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
const conversationStatus = oneOf('idle', 'submitted', 'streaming', 'reconnecting', 'error')
const messageStatus = oneOf('streaming', 'complete', 'stopped', 'interrupted', 'error')
const toolState = oneOf('running', 'done', 'error', 'no-result')
const diagnosticKind = oneOf('malformed_event', 'unknown_event')
const feedbackRating = oneOf('up', 'down')
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

/** A stored run key is sent as a header: only what the route accepts as one is kept. */
export function isResumableRun(value: unknown): value is ResumableRun {
  return (
    isJsonObject(value) &&
    typeof value.key === 'string' &&
    /^[A-Za-z0-9_-]{1,128}$/.test(value.key) &&
    Number.isSafeInteger(value.lastEventId) &&
    (value.lastEventId as number) >= 0
  )
}
