/** Extra request headers: an object, a `Headers`, or a function called per request (may be async). */
export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>)

export interface HeaderSettings {
  apiKey?: string
  agentId?: string
  headers?: HeadersOption
}

/**
 * The request headers as a plain object: fetch-event-source copies headers with
 * `Object.assign`, which silently drops everything in a `Headers` instance. The protocol's
 * own headers win over user headers of the same name.
 */
export async function buildHeaders(
  settings: HeaderSettings,
  accept: string,
): Promise<Record<string, string>> {
  const extra = typeof settings.headers === 'function' ? await settings.headers() : settings.headers
  const headers = new Headers(extra)
  headers.set('content-type', 'application/json')
  headers.set('accept', accept)
  if (settings.apiKey) headers.set('authorization', `Bearer ${settings.apiKey}`)
  if (settings.agentId) headers.set('x-agent-id', settings.agentId)
  return Object.fromEntries(headers)
}
