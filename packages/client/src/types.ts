/**
 * The kit's data model: wire events (validated, camelCase), requests and results, and the
 * conversation state the reducer builds from them. Every other package consumes these types.
 */

export type JsonPrimitive = string | number | boolean | null
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

// ---------------------------------------------------------------------------------------------
// Requests and results
// ---------------------------------------------------------------------------------------------

/** What the caller knows about its end user; sent as `context` (snake_case on the wire). */
export interface RunContext {
  /** The app's own id for its end user (`user_id`). Default: none. */
  userId?: string
  /** The end user's display name (`user_name`). Default: none. */
  userName?: string
  /** Key-value pairs the agent's instructions can reference. Default: none. */
  metadata?: JsonObject
}

/** One request to `POST /api/run`. Sent on the wire as `{ query, task_id?, stream, context? }`. */
export interface RunRequest {
  /** The message or task sent to the agent. Required. */
  query: string
  /** Continues the conversation that returned it; omit to start a new one. */
  taskId?: string
  context?: RunContext
}

/** A tool call as the JSON (non-streaming) mode reports it. */
export interface RunResultToolCall {
  tool: string
  action: string
  params: JsonValue
  resultSummary?: string
}

/** The validated `stream: false` response, camelCased. `status` is always `completed` here: any other status is an `AgentRunError` of kind `run_failed`. */
export interface RunResult {
  runId: string
  taskId: string
  status: 'completed'
  output: string
  creditsUsed: number
  durationMs: number
  toolCalls: RunResultToolCall[]
}

// ---------------------------------------------------------------------------------------------
// Wire events (validated)
// ---------------------------------------------------------------------------------------------

export interface RunStartedEvent {
  type: 'run_started'
  runId: string
  taskId: string
}
export interface TextChunkEvent {
  type: 'text_chunk'
  content: string
}
export interface ToolCallEvent {
  type: 'tool_call'
  tool: string
  action: string
  params: JsonValue
}
export interface ToolResultEvent {
  type: 'tool_result'
  tool: string
  result: JsonValue
}
export interface RunCompletedEvent {
  type: 'run_completed'
  runId: string
  creditsUsed: number
  durationMs: number
}
/** Any other `type`: handed to callbacks and kept in diagnostics, never rendered, never fatal. */
export interface UnknownEvent {
  type: 'unknown'
  raw: JsonObject
}

export type RunEvent =
  | RunStartedEvent
  | TextChunkEvent
  | ToolCallEvent
  | ToolResultEvent
  | RunCompletedEvent
  | UnknownEvent

/** Something the transport skipped or noticed: a malformed event, an unknown type. */
export interface RunDiagnostic {
  kind: 'malformed_event' | 'unknown_event'
  /** Human-readable reason, e.g. "text_chunk.content must be a string". */
  message: string
  /** The raw `data:` payload as received (truncated to a few KB). */
  data: string
}

// ---------------------------------------------------------------------------------------------
// Errors (the class lives in errors.ts; this is its plain, serialisable shape)
// ---------------------------------------------------------------------------------------------

export type AgentRunErrorKind =
  'http' | 'network' | 'protocol' | 'interrupted' | 'run_failed' | 'timeout' | 'aborted'

export interface AgentRunErrorInfo {
  kind: AgentRunErrorKind
  message: string
  /** HTTP status, for kind `http`. */
  status?: number
  /** Milliseconds to wait, from `Retry-After`, for kind `http`. */
  retryAfterMs?: number
  /** Machine code from an error body or event, when the server sent one. */
  code?: string
}

// ---------------------------------------------------------------------------------------------
// Conversation state
// ---------------------------------------------------------------------------------------------

export interface TextPart {
  kind: 'text'
  text: string
}

export type ToolState = 'running' | 'done' | 'error' | 'no-result'

export interface ToolPart {
  kind: 'tool'
  /** Stable within the message (for React keys): `${messageId}:tool:${index}`. */
  id: string
  tool: string
  /** Absent for an orphan result (a `tool_result` with no open call). */
  action?: string
  params?: JsonValue
  result?: JsonValue
  state: ToolState
  /** Milliseconds from the call's arrival to its result's; absent until the result arrives. */
  durationMs?: number
}

export type MessagePart = TextPart | ToolPart

export interface UserMessage {
  id: string
  role: 'user'
  text: string
}

/** The user's verdict on an answer. */
export type FeedbackRating = 'up' | 'down'

export interface MessageFeedback {
  rating: FeedbackRating
  /** What the user added, if anything. */
  comment?: string
}

/** An earlier answer in the same place, kept when the answer was regenerated or its question edited. */
export interface MessageVersion {
  /** The question as it was asked for this answer. */
  question: string
  /** The answer as it ended (its own `versions` left out). */
  answer: AssistantMessage
}

export type AssistantStatus = 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'error'

export interface AssistantMessage {
  id: string
  role: 'assistant'
  runId?: string
  parts: MessagePart[]
  status: AssistantStatus
  creditsUsed?: number
  durationMs?: number
  error?: AgentRunErrorInfo
  /** Skipped or unknown events of this run (rare; shown by inspectors, never in the thread). */
  diagnostics?: RunDiagnostic[]
  /** The user's rating, kept with the answer. */
  feedback?: MessageFeedback
  /** Earlier answers to this question, oldest first (regenerated, or the question edited). */
  versions?: MessageVersion[]
}

export type Message = UserMessage | AssistantMessage

/** `reconnecting`: the live run's connection was cut and the chat is re-attaching to it. */
export type ConversationStatus = 'idle' | 'submitted' | 'streaming' | 'reconnecting' | 'error'

/** The live run as the kit's own route keeps it: enough to re-attach after a cut or a reload. */
export interface ResumableRun {
  /** The run's `Idempotency-Key`. */
  key: string
  /** The id of the last event applied to the conversation (0: none yet). */
  lastEventId: number
}

export interface Conversation {
  taskId?: string
  messages: Message[]
  status: ConversationStatus
  error?: AgentRunErrorInfo
  credits: { lastRun?: number; total: number }
  /** The local id of the run whose events are accepted; events of any other run are ignored. */
  activeRunId?: string
  /** Set while the active run is one the route keeps (`Auteryn-Resumable: 1`). */
  resumable?: ResumableRun
}

// ---------------------------------------------------------------------------------------------
// Actions: the one reducer (reducer.ts) applies these and nothing else changes a conversation.
// `runId` here is the *local* run id the caller minted for one send, not the server's run_id.
// ---------------------------------------------------------------------------------------------

export type ConversationAction =
  | {
      type: 'send'
      runId: string
      query: string
      userMessageId: string
      assistantMessageId: string
      /** Retry: replace this failed assistant message (and reuse its user message) instead of appending. */
      retryOf?: string
      /**
       * Regenerate or edit: replace this last answer, keeping it (with its question) as a
       * version, and ask `query` in its question's place.
       */
      revise?: string
    }
  /** Set or take back (`undefined`) the user's rating of an answer. */
  | { type: 'feedback'; messageId: string; feedback: MessageFeedback | undefined }
  | { type: 'event'; runId: string; event: RunEvent }
  | { type: 'diagnostic'; runId: string; diagnostic: RunDiagnostic }
  /** JSON mode: fill the same message shape from one result. */
  | { type: 'result'; runId: string; result: RunResult }
  /** The route keeps the active run under `key`: it can be re-attached to. */
  | { type: 'resumable'; runId: string; key: string }
  /** Events up to `eventId` are applied (kept with the conversation, for a re-attachment). */
  | { type: 'progress'; runId: string; eventId: number }
  /** The connection was cut; re-attaching (`attached` when a re-attachment answers). */
  | { type: 'reconnecting'; runId: string }
  | { type: 'attached'; runId: string }
  /** The user stopped the run: keep the partial answer, mark it `stopped`. */
  | { type: 'stop'; runId: string }
  /** The run ended in an error (kind `interrupted` marks the message `interrupted`, others `error`). */
  | { type: 'fail'; runId: string; error: AgentRunErrorInfo }
  /** Another tab stored this conversation: it replaces this one whole. */
  | { type: 'replace'; conversation: Conversation }
  /** Start a new conversation (optionally continuing a known task). */
  | { type: 'reset'; taskId?: string }
