import { concat } from './bytes'

/** The `context` object as the Auteryn API takes it (snake_case). */
export interface RunContextWire {
  user_id?: string
  user_name?: string
  metadata?: Record<string, unknown>
}

/** The clean body the proxy forwards: only the documented fields, re-serialised. */
export interface RunBodyWire {
  query: string
  task_id?: string
  stream: boolean
  context?: RunContextWire
}

/** A request the proxy refuses, answered as `{ error: { code, message } }`. */
export interface Rejection {
  status: number
  code: string
  message: string
}

const reject = (code: string, message: string, status = 400): Rejection => ({
  status,
  code,
  message,
})

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads at most `maxBytes` of the body, so an oversized upload is never held in memory, and for
 * at most `timeoutMs`, so a body sent a byte a second cannot hold the handler.
 */
export async function readBodyText(
  request: Request,
  maxBytes: number,
  timeoutMs: number,
): Promise<string | Rejection> {
  const tooLarge = reject('body_too_large', `The body must be at most ${maxBytes} bytes.`)
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge
  if (request.body === null) return reject('empty_body', 'The body must be a JSON object.')
  const reader = request.body.getReader()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    reader.cancel().catch(() => {})
  }, timeoutMs)
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => {})
        return tooLarge
      }
      chunks.push(read.value)
    }
  } catch {
    if (!timedOut) return reject('invalid_body', 'The body could not be read.')
  } finally {
    clearTimeout(timer)
  }
  if (timedOut) {
    return reject('body_timeout', `The body must arrive within ${timeoutMs} ms.`, 408)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks))
  } catch {
    return reject('invalid_json', 'The body must be UTF-8 JSON.')
  }
}

/**
 * Validates a run request and keeps only the documented fields. The end user's identity is the
 * server's to state: a browser-sent `user_id`/`user_name` is dropped unless explicitly trusted.
 */
export function parseRunBody(text: string, trustClientIdentity: boolean): RunBodyWire | Rejection {
  if (text.trim() === '') return reject('empty_body', 'The body must be a JSON object.')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return reject('invalid_json', 'The body is not valid JSON.')
  }
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
  const clean: RunBodyWire = { query, stream: stream ?? true }
  if (typeof taskId === 'string') clean.task_id = taskId
  if (isPlainObject(context)) {
    const { metadata, user_id: userId, user_name: userName } = context
    if (metadata !== undefined && !isPlainObject(metadata)) {
      return reject('invalid_context', '`context.metadata` must be an object when present.')
    }
    const wire: RunContextWire = {}
    if (trustClientIdentity && typeof userId === 'string') wire.user_id = userId
    if (trustClientIdentity && typeof userName === 'string') wire.user_name = userName
    if (metadata !== undefined) wire.metadata = metadata
    if (Object.keys(wire).length > 0) clean.context = wire
  }
  return clean
}

/** The server's own context wins over anything the browser sent. */
export function mergeContext(body: RunBodyWire, resolved: RunContextWire | undefined): RunBodyWire {
  if (resolved === undefined) return body
  const metadata = { ...body.context?.metadata, ...resolved.metadata }
  const context: RunContextWire = { ...body.context, ...resolved }
  if (Object.keys(metadata).length > 0) context.metadata = metadata
  return { ...body, context }
}

export const isRejection = (value: unknown): value is Rejection =>
  isPlainObject(value) && typeof value.status === 'number' && typeof value.code === 'string'

/** The upstream body as text, serialised before any upstream call: a body that cannot be is the browser's error. */
export function serialiseBody(body: RunBodyWire): string | Rejection {
  try {
    return JSON.stringify(body)
  } catch {
    return reject('invalid_context', '`context` cannot be serialised (nested too deeply?).')
  }
}
