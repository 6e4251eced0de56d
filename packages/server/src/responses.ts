import { errorResponse as wireErrorResponse } from '@auteryn/client/wire'

/** The error envelope every refusal of the proxy uses (`{ error: { code, message } }`), never cached. */
export const errorResponse = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => wireErrorResponse(status, code, message, { 'cache-control': 'no-store', ...headers })

export function isJsonContentType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)
}

export const isEventStream = (contentType: string | null | undefined) =>
  contentType?.toLowerCase().startsWith('text/event-stream') === true

/** Proxies and compression must not hold events back. */
export function streamingHeaders(headers: Headers): Headers {
  headers.set('cache-control', 'no-cache, no-transform')
  headers.set('x-accel-buffering', 'no')
  return headers
}

/** Node's timers would keep a process alive for work nobody waits for any more. */
export function unref<T>(timer: T): T {
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}
