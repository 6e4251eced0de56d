import type { WireRejection, WireRunBody } from '@auteryn/client'
import { parseRunBody } from '@auteryn/client/wire'
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

/** A request the proxy refuses, answered as `{ error: { code, message } }`. */
export type Rejection = WireRejection

const reject = (code: string, message: string): Rejection => ({ status: 400, code, message })

/** Reads at most `maxBytes` of the body, so an oversized upload is never held in memory. */
export async function readBodyText(
  request: Request,
  maxBytes: number,
): Promise<string | Rejection> {
  const tooLarge = reject('body_too_large', `The body must be at most ${maxBytes} bytes.`)
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge
  if (request.body === null) return reject('empty_body', 'The body must be a JSON object.')
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return tooLarge
    }
    chunks.push(read.value)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks))
  } catch {
    return reject('invalid_json', 'The body must be UTF-8 JSON.')
  }
}

/** Parses and validates a run request body (the rule itself is the wire module's, shared). */
export function parseRunBodyText(
  text: string,
  trustClientIdentity: boolean,
): WireRunBody | Rejection {
  if (text.trim() === '') return reject('empty_body', 'The body must be a JSON object.')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return reject('invalid_json', 'The body is not valid JSON.')
  }
  return parseRunBody(body, trustClientIdentity)
}

/** The server's own context wins over anything the browser sent. */
export function mergeContext(body: WireRunBody, resolved: RunContextWire | undefined): WireRunBody {
  if (resolved === undefined) return body
  const metadata = { ...body.context?.metadata, ...resolved.metadata }
  const context: RunContextWire = { ...body.context, ...resolved }
  if (Object.keys(metadata).length > 0) context.metadata = metadata
  return { ...body, context }
}
