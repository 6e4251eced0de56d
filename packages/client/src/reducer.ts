import { AgentRunError } from './errors'
import { DIAGNOSTIC_DATA_LIMIT, isJsonObject } from './validate'
import type {
  AgentRunErrorInfo,
  AssistantMessage,
  AssistantStatus,
  Conversation,
  ConversationAction,
  Message,
  MessagePart,
  RunDiagnostic,
  RunEvent,
  RunResult,
  TextPart,
  ToolPart,
} from './types'

/**
 * Objects created during the current reduction: only these may be mutated. A single action
 * copies what it touches (so the reducer is pure); a batch copies each object once, so a
 * frame of a hundred chunks costs one copy of the messages array, not a hundred.
 */
type Draft = WeakSet<object>

/** The initial state of a conversation, optionally continuing a known task. */
export function createConversation(taskId?: string): Conversation {
  const conversation: Conversation = { messages: [], status: 'idle', credits: { total: 0 } }
  if (taskId !== undefined) conversation.taskId = taskId
  return conversation
}

/**
 * When each open tool call was applied, for the call's duration. A WeakMap, so that parts stay
 * plain data; the clock is the reducer's one outside read (events are applied as they arrive,
 * within a frame when the hook batches them).
 */
const callTimes = new WeakMap<ToolPart, number>()

/** Applies one action. Pure: never mutates its input; unchanged parts keep their identity. */
export function reduceConversation(conversation: Conversation, action: ConversationAction) {
  return reduceConversationBatch(conversation, [action])
}

/** Applies several actions in order, copying each touched object once for the whole batch. */
export function reduceConversationBatch(
  conversation: Conversation,
  actions: readonly ConversationAction[],
): Conversation {
  const draft: Draft = new WeakSet()
  return actions.reduce((state, action) => reduce(state, action, draft), conversation)
}

function reduce(conversation: Conversation, action: ConversationAction, draft: Draft) {
  if (action.type === 'reset') return createConversation(action.taskId)
  if (action.type === 'replace') return action.conversation
  if (action.type === 'send') return send(conversation, action, draft)
  if (action.type === 'feedback') return giveFeedback(conversation, action, draft)
  // Events of a superseded or finished run are ignored: only the active run writes.
  if (action.runId !== conversation.activeRunId) return conversation
  const index = findStreamingMessage(conversation.messages)
  if (index < 0) return conversation
  const next = writable(draft, conversation)
  next.messages = writable(draft, next.messages)
  const message = writable(draft, next.messages[index] as AssistantMessage)
  next.messages[index] = message
  const run: Run = { conversation: next, message, draft }
  switch (action.type) {
    case 'event':
      applyEvent(run, action.event)
      break
    case 'diagnostic':
      addDiagnostic(run, action.diagnostic)
      break
    case 'result':
      applyResult(run, action.result)
      break
    case 'resumable':
      next.resumable = { key: action.key, lastEventId: 0 }
      break
    case 'progress':
      if (next.resumable) next.resumable = { ...next.resumable, lastEventId: action.eventId }
      break
    case 'reconnecting':
      next.status = 'reconnecting'
      break
    case 'attached':
      if (next.status === 'reconnecting') next.status = 'streaming'
      break
    case 'stop':
      finish(run, 'stopped')
      break
    case 'fail':
      fail(run, action.error)
      break
    default:
      return action satisfies never
  }
  return next
}

/** The writable state one action works on. */
interface Run {
  conversation: Conversation
  message: AssistantMessage
  draft: Draft
}

function send(
  conversation: Conversation,
  action: Extract<ConversationAction, { type: 'send' }>,
  draft: Draft,
) {
  const next = writable(draft, conversation)
  const messages = (next.messages = writable(draft, next.messages))
  // A run still streaming is superseded: settle it so that no spinner is left behind.
  const previous = findStreamingMessage(messages)
  if (previous >= 0) {
    const message = writable(draft, messages[previous] as AssistantMessage)
    messages[previous] = message
    settleMessage(message, 'stopped', draft)
  }
  const assistant: AssistantMessage = {
    id: action.assistantMessageId,
    role: 'assistant',
    parts: [],
    status: 'streaming',
  }
  const retried = messages.findIndex((m) => m.role === 'assistant' && m.id === action.retryOf)
  if (action.retryOf !== undefined && retried >= 0) messages[retried] = assistant
  else if (!revise(messages, action, assistant))
    messages.push({ id: action.userMessageId, role: 'user', text: action.query }, assistant)
  next.status = 'submitted'
  next.activeRunId = action.runId
  delete next.resumable
  delete next.error
  return next
}

/**
 * Puts a new answer in place of the last one, which becomes a version together with the
 * question it answered. Only the last answer, right after its question, can be revised.
 */
function revise(
  messages: Message[],
  action: Extract<ConversationAction, { type: 'send' }>,
  assistant: AssistantMessage,
): boolean {
  const index = messages.length - 1
  const previous = messages[index]
  const question = messages[index - 1]
  if (action.revise === undefined || previous?.id !== action.revise) return false
  if (previous.role !== 'assistant' || question?.role !== 'user') return false
  const { versions = [], ...answer } = previous
  assistant.versions = [...versions, { question: question.text, answer }]
  if (question.text !== action.query) messages[index - 1] = { ...question, text: action.query }
  messages[index] = assistant
  return true
}

function giveFeedback(
  conversation: Conversation,
  action: Extract<ConversationAction, { type: 'feedback' }>,
  draft: Draft,
) {
  const index = conversation.messages.findIndex(
    (message) => message.role === 'assistant' && message.id === action.messageId,
  )
  if (index < 0) return conversation
  const next = writable(draft, conversation)
  next.messages = writable(draft, next.messages)
  const message = writable(draft, next.messages[index] as AssistantMessage)
  next.messages[index] = message
  if (action.feedback) message.feedback = action.feedback
  else delete message.feedback
  return next
}

function applyEvent(run: Run, event: RunEvent) {
  const { conversation, message } = run
  if (conversation.status !== 'streaming') conversation.status = 'streaming'
  switch (event.type) {
    case 'run_started':
      // A different run_started is a protocol error the transport raises; keep the first.
      message.runId ??= event.runId
      conversation.taskId = event.taskId
      return
    case 'text_chunk': {
      if (event.content === '') return
      const parts = writableParts(run)
      // A new part per chunk is cheaper than tracking a copied one in the draft.
      const text = parts.at(-1)?.kind === 'text' ? (parts.pop() as TextPart).text : ''
      parts.push({ kind: 'text', text: text + event.content })
      return
    }
    case 'tool_call': {
      const parts = writableParts(run)
      const { tool, action, params } = event
      const id = toolPartId(message, parts.length)
      enqueue(openCallsOf(parts), tool, parts.length)
      const part: ToolPart = { kind: 'tool', id, tool, action, params, state: 'running' }
      parts.push(part)
      callTimes.set(part, Date.now())
      return
    }
    case 'tool_result': {
      const parts = writableParts(run)
      const state =
        isJsonObject(event.result) && Object.hasOwn(event.result, 'error') ? 'error' : 'done'
      // Results carry no call id: pair with the oldest open call of the same tool (FIFO).
      const open = dequeue(openCallsOf(parts), event.tool)
      if (open === undefined) {
        const id = toolPartId(message, parts.length)
        parts.push({ kind: 'tool', id, tool: event.tool, result: event.result, state })
        return
      }
      const call = parts[open] as ToolPart
      const answered: ToolPart = { ...call, result: event.result, state }
      const startedAt = callTimes.get(call)
      if (startedAt !== undefined) answered.durationMs = Math.max(0, Date.now() - startedAt)
      parts[open] = answered
      return
    }
    case 'run_completed':
      message.runId ??= event.runId
      complete(run, event.creditsUsed, event.durationMs)
      return
    case 'unknown':
      addDiagnostic(run, {
        kind: 'unknown_event',
        message: `Unknown event type ${JSON.stringify(event.raw.type)}`,
        data: JSON.stringify(event.raw).slice(0, DIAGNOSTIC_DATA_LIMIT),
      })
      return
    default:
      return event satisfies never
  }
}

function applyResult(run: Run, result: RunResult) {
  const { message, conversation } = run
  // JSON mode cannot tell how tools and text interleaved: the tools ran before the answer.
  message.parts = result.toolCalls.map((call, index) => {
    const { tool, action, params } = call
    const part: ToolPart = {
      kind: 'tool',
      id: toolPartId(message, index),
      tool,
      action,
      params,
      state: 'done',
    }
    if (call.resultSummary !== undefined) part.result = call.resultSummary
    return part
  })
  if (result.output !== '') message.parts.push({ kind: 'text', text: result.output })
  message.runId = result.runId
  conversation.taskId = result.taskId
  complete(run, result.creditsUsed, result.durationMs)
}

function complete(run: Run, creditsUsed: number, durationMs: number) {
  const { conversation, message } = run
  message.creditsUsed = creditsUsed
  message.durationMs = durationMs
  conversation.credits = { lastRun: creditsUsed, total: conversation.credits.total + creditsUsed }
  finish(run, 'complete')
}

function fail(run: Run, error: AgentRunErrorInfo) {
  const info = error instanceof AgentRunError ? error.toJSON() : error
  finish(run, info.kind === 'interrupted' ? 'interrupted' : 'error')
  run.message.error = info
  run.conversation.error = info
  run.conversation.status = 'error'
}

function finish(run: Run, status: AssistantStatus) {
  settleMessage(run.message, status, run.draft)
  run.conversation.status = 'idle'
  delete run.conversation.activeRunId
  delete run.conversation.resumable
}

/** Ends a message's run: calls that never got a result are marked so, not left spinning. */
function settleMessage(message: AssistantMessage, status: AssistantStatus, draft: Draft) {
  message.status = status
  if (!message.parts.some((part) => part.kind === 'tool' && isOpen(part))) return
  message.parts = message.parts.map((part) =>
    part.kind === 'tool' && isOpen(part) ? { ...part, state: 'no-result' } : part,
  )
  draft.add(message.parts)
}

function addDiagnostic(run: Run, diagnostic: RunDiagnostic) {
  const diagnostics = run.message.diagnostics
  run.message.diagnostics = diagnostics ? writable(run.draft, diagnostics) : []
  run.message.diagnostics.push(diagnostic)
}

function findStreamingMessage(messages: readonly Message[]) {
  return messages.findLastIndex((m) => m.role === 'assistant' && m.status === 'streaming')
}

/**
 * The open calls of one parts array, by tool, oldest first: pairing a result costs O(1) instead
 * of a scan of every part (10,000 calls then their results: 12 s of scanning). Not part of the
 * state, so persisted and hand-built conversations need no extra field: the queues are derived
 * from the parts when first needed and cached beside the array. The draft copy of an array takes
 * the cache over (and the original loses it), so the queues are updated in place along with the
 * one array they describe; reducing an older state again rebuilds them with one scan.
 */
const openCalls = new WeakMap<readonly MessagePart[], OpenCalls>()

/** Part indices of open calls by tool (a Map, not an object: a tool may be named `__proto__`). */
type OpenCalls = Map<string, { indices: number[]; head: number }>

function openCallsOf(parts: readonly MessagePart[]): OpenCalls {
  let calls = openCalls.get(parts)
  if (calls) return calls
  openCalls.set(parts, (calls = new Map()))
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'tool' && isOpen(part)) enqueue(calls, part.tool, index)
  }
  return calls
}

function enqueue(calls: OpenCalls, tool: string, index: number) {
  const queue = calls.get(tool)
  if (queue) queue.indices.push(index)
  else calls.set(tool, { indices: [index], head: 0 })
}

function dequeue(calls: OpenCalls, tool: string): number | undefined {
  const queue = calls.get(tool)
  if (!queue) return undefined
  const index = queue.indices[queue.head++]
  // Consumed entries stay until the queue empties: never more than the parts array holds.
  if (queue.head === queue.indices.length) calls.delete(tool)
  return index
}

/** The run's parts, writable; the copy takes over the cached open calls of the original. */
function writableParts({ message, draft }: Run): MessagePart[] {
  const parts = message.parts
  if (draft.has(parts)) return parts
  const copy = writable(draft, parts)
  const calls = openCalls.get(parts)
  if (calls) {
    openCalls.delete(parts)
    openCalls.set(copy, calls)
  }
  return (message.parts = copy)
}

function isOpen(part: ToolPart) {
  return part.state === 'running'
}

function toolPartId(message: AssistantMessage, index: number) {
  return `${message.id}:tool:${index}`
}

function writable<T extends object>(draft: Draft, value: T): T {
  if (draft.has(value)) return value
  const copy = (Array.isArray(value) ? value.slice() : { ...value }) as T
  draft.add(copy)
  return copy
}
