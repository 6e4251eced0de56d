import type { RunBodyWire, RunContextWire } from './run-body'
import type { RunStore } from './run-store'

/** What the handler knows about a request when it asks the app about it. */
export interface RunRequestDetails {
  /** The validated body of a start; `undefined` for a resume (`Last-Event-ID`) or a stop (`DELETE`). */
  body: RunBodyWire | undefined
}

type MaybePromise<T> = T | Promise<T>

export interface RunHandlerOptions {
  /** The secret `afk_…` account key, added server-side. Required (without it every request gets a 500); never logged or echoed. */
  apiKey: string
  /** The agent to run, sent as `X-Agent-Id`. Required (without it every request gets a 500). */
  agentId: string
  /** Base URL of the Auteryn API. Default `https://api.auteryn.ai`. */
  upstream?: string
  /** The fetch used to reach the upstream (e.g. a mock agent). Default: the global `fetch`. */
  fetch?: typeof fetch
  /**
   * Fills `context.user_id` / `user_name` (and metadata) from the app's own session; `user_id`
   * is also the identity that owns a resumable run. Gets the parsed body as `details.body`.
   * Return a `Response` (e.g. 401) to refuse the request. Default: none, so runs carry no identity.
   */
  resolveContext?: (
    request: Request,
    details: RunRequestDetails,
  ) => MaybePromise<RunContextWire | undefined | Response>
  /**
   * Decides whether the user may continue `taskId` (called only for a start that names one):
   * `false` answers 404 `task_not_found`, a `Response` is answered as it is. Default: none (any
   * task id is forwarded).
   */
  authorizeTask?: (task: {
    taskId: string
    context: RunContextWire | undefined
    request: Request
  }) => MaybePromise<boolean | Response>
  /**
   * Called when a run's `run_started` event passes, e.g. to record which user owns `taskId`
   * (see `authorizeTask`). Errors it throws are ignored. Default: none.
   */
  onRunStarted?: (run: {
    runId: string
    taskId: string
    context: RunContextWire | undefined
    request: Request
  }) => void | Promise<void>
  /** Forward a browser-sent `user_id` / `user_name`. Default `false`: a browser cannot claim an identity. */
  trustClientIdentity?: boolean
  /** Largest accepted request body, in bytes. Default 32 KiB. */
  maxBodyBytes?: number
  /** Longest time to receive the request body: past it, 408 `body_timeout`. Default 10000. */
  bodyTimeoutMs?: number
  /** Give up when the upstream sends nothing for this long (504 before headers, a cut stream after). Default 120000; 0 disables. */
  idleTimeoutMs?: number
  /** Bytes read ahead for a browser that reads slower than the upstream sends, on a run that is not resumable; past it the upstream waits. Default 1 MiB. */
  maxBufferBytes?: number
  /** Where resumable run logs live; `false` turns resumable runs off (no header, no ids). Default: `createMemoryRunStore()`. */
  runs?: RunStore | false
  /** How long a live run with no reader attached keeps its upstream, waiting for a resume. Default 30000. */
  graceMs?: number
  /** How long a finished run's log answers resumes. Default 300000. */
  retainMs?: number
}
