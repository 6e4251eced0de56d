import { AgentRunError } from './errors'
import { errorFields, isJsonObject } from './validate'

/** An `http` error from a non-2xx response, with its JSON body and `Retry-After` when present. */
export async function httpError(response: Response): Promise<AgentRunError> {
  // Only a JSON body is read: an HTML page or a never-ending stream is not worth waiting for.
  const body = isJson(response) ? await response.json().catch(() => undefined) : undefined
  const { message, code } = isJsonObject(body) ? errorFields(body) : {}
  const status = response.status
  return new AgentRunError('http', message ?? `HTTP ${status} ${response.statusText}`.trim(), {
    status,
    body,
    code,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  })
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP-date; undefined when unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP-date always names a month; this keeps Date.parse from reading "-5" as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export function contentType(response: Response): string {
  return (response.headers.get('content-type') ?? '').toLowerCase()
}

export function isJson(response: Response): boolean {
  return /^application\/([\w.+-]+\+)?json\b/.test(contentType(response))
}
