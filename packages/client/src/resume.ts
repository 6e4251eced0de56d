import type { RunSettings } from './chat-settings'
import { AgentRunError } from './errors'
import { buildHeaders } from './headers'
import { abortedError } from './transport'

/**
 * How one run is kept re-attachable on the kit's own route (PROTOCOL.md, "The kit's own
 * route"). A client that passes none sends no key: one POST, never re-sent, as against any route.
 */
export interface RunAttachment {
  /** Sent as `Idempotency-Key`: one fresh key per run (`createRunKey()`). Required. */
  key: string
  /**
   * Re-attach after this event id (sent as `Last-Event-ID`) instead of starting: such a POST
   * can never start a run. Default: none (the first POST starts the run).
   */
  lastEventId?: number
  /** Called once, at the first response: whether the route keeps this run (`Auteryn-Resumable: 1`). Default: none. */
  onResumable?(resumable: boolean): void
  /** Called after each read with the id of the last event handed to `onEvent`. Default: none. */
  onEventId?(id: number): void
  /** Called when a connection was cut and a re-attachment is scheduled (attempt 1, 2, …). Default: none. */
  onReconnecting?(attempt: number, cause: AgentRunError): void
  /** Called when a re-attachment was answered and the stream goes on. Default: none. */
  onReattached?(): void
  /**
   * Waits before each re-attachment of one outage, in milliseconds; their number bounds the
   * attempts. Default: 250, 500, 1000, 2000, 4000, 8000 (16 s, inside the proxy's 30 s grace).
   */
  retryDelaysMs?: readonly number[]
}

export const defaultRetryDelaysMs = [250, 500, 1000, 2000, 4000, 8000]

/** Whether each endpoint keeps runs, as its responses in this page said. */
const routes = new Map<string, boolean>()
const endpointOf = (settings: RunSettings) => settings.endpoint ?? '/api/run'

/** Remembers what a run's first response said of its route (`Auteryn-Resumable`). */
export function rememberRoute(settings: RunSettings, keepsRuns: boolean): void {
  routes.set(endpointOf(settings), keepsRuns)
}

/**
 * Whether a stop before a run's first response should ask the route: the run may have started
 * there already, so yes, unless the route said it keeps no runs (an earlier run's response, or a
 * stop it refused with 405).
 */
export function routeMayKeepRuns(settings: RunSettings): boolean {
  return routes.get(endpointOf(settings)) !== false
}

/** A run key: 128 random bits, URL-safe (`Idempotency-Key`). */
export function createRunKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/** Only a lost connection is worth re-attaching to; an HTTP or protocol error would repeat. */
export function isCut(error: unknown): error is AgentRunError {
  const kind = (error as AgentRunError | undefined)?.kind
  return kind === 'network' || kind === 'interrupted' || kind === 'timeout'
}

/** The `auteryn:end` marker as the error that ends the run (code: the proxy's reason). */
export function endOfLog(data: string): AgentRunError {
  let reason = 'upstream_closed'
  try {
    const parsed: unknown = JSON.parse(data)
    const given = (parsed as { reason?: unknown } | null)?.reason
    if (typeof given === 'string') reason = given
  } catch {
    // A marker without a readable reason still ends the run.
  }
  return new AgentRunError('interrupted', `The run ended on the server (${reason})`, {
    code: reason,
  })
}

/** Waits `ms`, then until the browser is online; an abort rejects with kind `aborted`. */
export function waitToReconnect(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortedError())
  return new Promise((resolve, reject) => {
    const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>
    const done = (error?: AgentRunError) => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      target.removeEventListener?.('online', onOnline)
      if (error) reject(error)
      else resolve()
    }
    const onAbort = () => done(abortedError())
    const onOnline = () => done()
    signal.addEventListener('abort', onAbort)
    const timer = setTimeout(() => {
      // Offline, a request fails at once and spends an attempt: wait for the network instead.
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false
      if (offline && target.addEventListener) target.addEventListener('online', onOnline)
      else done()
    }, ms)
  })
}

/**
 * `DELETE` with the run's key: the route ends the upstream run at once instead of after its
 * grace period. `keepalive` lets it outlive the page that sends it. Best effort: a failure
 * leaves the grace period to end the run, and is never an unhandled rejection.
 */
export async function sendStop(settings: RunSettings, key: string): Promise<void> {
  try {
    const headers = await buildHeaders(settings, '*/*')
    headers['idempotency-key'] = key
    const send = settings.fetch ?? fetch
    const response = await send(endpointOf(settings), {
      method: 'DELETE',
      headers,
      keepalive: true,
    })
    // A route without resumable runs allows no DELETE: the next early stop does not ask again.
    if (response.status === 405) rememberRoute(settings, false)
  } catch {
    // Offline or refused: the route's grace period ends the run.
  }
}
