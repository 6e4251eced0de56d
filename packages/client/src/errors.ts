import type { AgentRunErrorInfo, AgentRunErrorKind } from './types'

/** Extra details of an {@link AgentRunError}, beyond its kind and message. */
export interface AgentRunErrorDetails {
  /** HTTP status, for kind `http`. Default: none. */
  status?: number
  /** The error response body, when it was JSON. Default: none. */
  body?: unknown
  /** Milliseconds to wait before retrying, from `Retry-After`. Default: none. */
  retryAfterMs?: number
  /** Machine code from an error body or event. Default: none. */
  code?: string
  /** The underlying error (network failure, parse error). Default: none. */
  cause?: unknown
}

/**
 * Every way a run can fail, as one error class with a `kind`. Thrown by `client.stream()` and
 * `client.run()`; its `toJSON()` is the plain shape the conversation state stores.
 */
export class AgentRunError extends Error implements AgentRunErrorInfo {
  override name = 'AgentRunError'
  kind: AgentRunErrorKind
  // Declared, not initialised: absent details stay absent (clean toEqual and JSON).
  declare status?: number
  declare body?: unknown
  declare retryAfterMs?: number
  declare code?: string

  constructor(kind: AgentRunErrorKind, message: string, details: AgentRunErrorDetails = {}) {
    const { cause, status, body, retryAfterMs, code } = details
    super(message, cause === undefined ? undefined : { cause })
    this.kind = kind
    Object.assign(this, dropUndefined({ status, body, retryAfterMs, code }))
  }

  /** The serialisable shape stored in conversation state (no body: it may be large). */
  toJSON(): AgentRunErrorInfo {
    const { kind, message, status, retryAfterMs, code } = this
    return dropUndefined({ kind, message, status, retryAfterMs, code })
  }
}

/** True for an {@link AgentRunError}, also one from another copy of this package. */
export function isAgentRunError(value: unknown): value is AgentRunError {
  return (
    value instanceof AgentRunError ||
    (value instanceof Error && value.name === 'AgentRunError' && 'kind' in value)
  )
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key]
  }
  return value
}
