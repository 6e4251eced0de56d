import type { WireRejection, WireRunBody } from '@auteryn/client'
import { parseRunBody as parseWireBody } from '@auteryn/client/wire'
import { concat } from './bytes'

export { isRejection } from '@auteryn/client/wire'

/**
 * The `context` object as the Auteryn API takes it (snake_case): the wire module's
 * `WireRunContext`, restated because the published types of this package must stand alone
 * (`mergeContext` below assigns one to the other, so the compiler keeps them the same).
 */
export interface RunContextWire {
  user_id?: string
  user_name?: string
  metadata?: Record<string, unknown>
}

/** The clean body the proxy forwards: only the documented fields, re-serialised. */
export type RunBodyWire = WireRunBody

/** A request the proxy refuses, answered as `{ error: { code, message } }`. */
export type Rejection = WireRejection

const reject = (code: string, message: string, status = 400): Rejection => ({
  status,
  code,
  message,
})

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
 * Parses and validates a run request, keeping only the documented fields (the rule is the wire
 * module's). The end user's identity is the server's to state: a browser-sent
 * `user_id`/`user_name` is dropped unless explicitly trusted.
 */
export function parseRunBody(text: string, trustClientIdentity: boolean): RunBodyWire | Rejection {
  if (text.trim() === '') return reject('empty_body', 'The body must be a JSON object.')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return reject('invalid_json', 'The body is not valid JSON.')
  }
  return parseWireBody(body, trustClientIdentity)
}

/** The server's own context wins over anything the browser sent. */
export function mergeContext(body: RunBodyWire, resolved: RunContextWire | undefined): RunBodyWire {
  if (resolved === undefined) return body
  const metadata = { ...body.context?.metadata, ...resolved.metadata }
  const context: RunContextWire = { ...body.context, ...resolved }
  if (Object.keys(metadata).length > 0) context.metadata = metadata
  return { ...body, context }
}

/** The upstream body as text, serialised before any upstream call: a body that cannot be is the browser's error. */
export function serialiseBody(body: RunBodyWire): string | Rejection {
  try {
    return JSON.stringify(body)
  } catch {
    return reject('invalid_context', '`context` cannot be serialised (nested too deeply?).')
  }
}
