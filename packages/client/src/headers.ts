import { AgentRunError } from './errors'

/** Extra request headers: an object, a `Headers`, or a function called per request (may be async). */
export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>)

export interface HeaderSettings {
  apiKey?: string
  agentId?: string
  headers?: HeadersOption
}

/**
 * The request headers as a plain object (any `HeadersInit` is accepted). The protocol's own
 * headers win over user headers of the same name. A headers function that throws (a token
 * refresh that failed, say) is a typed `network` error that names its cause, before any POST.
 */
export async function buildHeaders(
  settings: HeaderSettings,
  accept: string,
): Promise<Record<string, string>> {
  let extra: HeadersInit | undefined
  try {
    extra = typeof settings.headers === 'function' ? await settings.headers() : settings.headers
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new AgentRunError('network', `The request headers could not be prepared: ${reason}`, {
      cause: error,
    })
  }
  const headers = new Headers(extra)
  headers.set('content-type', 'application/json')
  headers.set('accept', accept)
  if (settings.apiKey) headers.set('authorization', `Bearer ${settings.apiKey}`)
  if (settings.agentId) headers.set('x-agent-id', settings.agentId)
  return Object.fromEntries(headers)
}
