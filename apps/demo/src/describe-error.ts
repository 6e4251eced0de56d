import type { AgentRunErrorInfo } from '@auteryn/client'

/** A sentence a support-panel user can act on, from the kit's typed error. */
export function describeError(error: AgentRunErrorInfo): string {
  if (error.kind === 'http') {
    if (error.status === 402) return 'The account is out of credits. Top up to keep chatting.'
    if (error.status === 429) {
      const seconds =
        error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000)
      return seconds === undefined
        ? 'Too many requests right now. Try again in a moment.'
        : `Too many requests right now. Try again in ${seconds} s.`
    }
    if (error.status === 401 || error.status === 403) return 'The server’s API key was rejected.'
  }
  if (error.kind === 'interrupted') return 'The connection dropped before the answer finished.'
  if (error.kind === 'network') return 'Could not reach the server. Check the connection.'
  return error.message
}
