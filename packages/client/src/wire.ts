/**
 * The wire contract of `POST /api/run`, written once: the request body and its validation, the
 * event types as the API sends them (snake_case), and the error envelope. The client, the proxy
 * (`@auteryn/server`, which bundles this file so it keeps no runtime dependency) and the mock agent
 * (`@auteryn/testing`) all use it. It imports nothing at runtime.
 */

/** The `context` of a run request, as sent. */
export interface WireRunContext {
  user_id?: string
  user_name?: string
  metadata?: Record<string, unknown>
}

/** A run request body, as sent: only the documented fields. */
export interface WireRunBody {
  query: string
  task_id?: string
  stream: boolean
  context?: WireRunContext
}

export interface WireRunStarted {
  type: 'run_started'
  run_id: string
  task_id: string
}
export interface WireTextChunk {
  type: 'text_chunk'
  content: string
}
export interface WireToolCall {
  type: 'tool_call'
  tool: string
  action: string
  params: unknown
}
export interface WireToolResult {
  type: 'tool_result'
  tool: string
  result: unknown
}
export interface WireRunCompleted {
  type: 'run_completed'
  run_id: string
  credits_used: number
  duration_ms: number
}

/** The undocumented event types that end a run as failed (see `PROTOCOL.md`). */
export const failureEventTypes = ['error', 'run_failed', 'run_error'] as const
export type WireFailureType = (typeof failureEventTypes)[number]

export const isFailureEventType = (type: unknown): type is WireFailureType =>
  (failureEventTypes as readonly unknown[]).includes(type)

/** A failure event, in the shapes seen: a `message`/`code` beside the type, or nested in `error`. */
export interface WireRunFailed {
  type: WireFailureType
  message?: string
  code?: string
  error?: string | { code?: string; message?: string }
}

/** Every event type the kit understands, exactly as the API sends it. */
export type WireEvent =
  WireRunStarted | WireTextChunk | WireToolCall | WireToolResult | WireRunCompleted | WireRunFailed

/** The documented error body: `{ error: { code, message } }`. */
export interface WireErrorBody {
  error: { code: string; message: string }
}

/** The documented error body, as JSON text. */
export function errorBody(code: string, message: string): string {
  const body: WireErrorBody = { error: { code, message } }
  return JSON.stringify(body)
}

/** A JSON error response in the documented envelope. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(errorBody(code, message), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** A request body refused: answered with `status` and the error envelope. */
export interface WireRejection {
  status: number
  code: string
  message: string
}

const reject = (code: string, message: string): WireRejection => ({ status: 400, code, message })

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const isRejection = (value: unknown): value is WireRejection =>
  isPlainObject(value) && typeof value.status === 'number' && typeof value.code === 'string'

/**
 * Validates a run request body (already parsed JSON) and keeps only the documented fields.
 * `user_id`/`user_name` are kept only when `trustIdentity` is set: a proxy states the end user's
 * identity itself rather than taking a browser's word for it.
 */
export function parseRunBody(body: unknown, trustIdentity: boolean): WireRunBody | WireRejection {
  if (!isPlainObject(body)) return reject('invalid_body', 'The body must be a JSON object.')
  const { query, task_id: taskId, stream, context } = body
  if (typeof query !== 'string' || query.trim() === '') {
    return reject('invalid_query', '`query` must be a non-empty string.')
  }
  if (taskId !== undefined && taskId !== null && (typeof taskId !== 'string' || taskId === '')) {
    return reject('invalid_task_id', '`task_id` must be a non-empty string when present.')
  }
  if (stream !== undefined && typeof stream !== 'boolean') {
    return reject('invalid_stream', '`stream` must be a boolean when present.')
  }
  if (context !== undefined && context !== null && !isPlainObject(context)) {
    return reject('invalid_context', '`context` must be an object when present.')
  }
  const clean: WireRunBody = { query, stream: stream ?? true }
  if (typeof taskId === 'string') clean.task_id = taskId
  if (isPlainObject(context)) {
    const { metadata, user_id: userId, user_name: userName } = context
    if (metadata !== undefined && !isPlainObject(metadata)) {
      return reject('invalid_context', '`context.metadata` must be an object when present.')
    }
    const wire: WireRunContext = {}
    if (trustIdentity && typeof userId === 'string') wire.user_id = userId
    if (trustIdentity && typeof userName === 'string') wire.user_name = userName
    if (metadata !== undefined) wire.metadata = metadata
    if (Object.keys(wire).length > 0) clean.context = wire
  }
  return clean
}
