import type { AgentRunError } from './errors'
import type { HeadersOption } from './headers'
import type { PersistOptions, PersistStorage } from './persistence'
import type { ConversationStore } from './store'
import type { AssistantMessage, RunContext, RunEvent } from './types'

/** Why a run ended, as `onFinish` reports it. */
export type RunFinishReason = 'complete' | 'stopped' | 'error' | 'interrupted'

/** What `onFinish` receives once per run. */
export interface RunFinish {
  /** The assistant message as the store holds it after the run's last update. */
  message: AssistantMessage
  creditsUsed?: number
  durationMs?: number
  reason: RunFinishReason
}

/** Connection settings and callbacks, read afresh at every send so changes apply to the next run. */
export interface RunSettings {
  /** The app's own proxy route (see `createRunHandler` in `@auteryn/server`). Default: `'/api/run'`. */
  endpoint?: string
  /** Sent as `X-Agent-Id`. Default: none (the proxy usually adds it). */
  agentId?: string
  /** Sent as `Authorization: Bearer …`. Default: none. Never put an `afk_` key in a browser. */
  apiKey?: string
  /** Extra request headers, or a function called per request (may be async). Default: none. */
  headers?: HeadersOption
  /** The `fetch` to use (a mock agent, a proxy handler). Default: `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Largest event a stream may send, in bytes; past it the run fails (`protocol`). Default: 4 MiB. */
  maxEventBytes?: number
  /** Sent with every run unless `send` passes its own. Default: none. */
  context?: RunContext
  /** `false` uses the JSON mode (one response, same message shape). Default: `true`. */
  stream?: boolean
  /** Every validated event of a run, in order, as it arrives. Default: none. */
  onEvent?: (event: RunEvent) => void
  /** Once per run, when it completes, is stopped or fails. Default: none. */
  onFinish?: (finish: RunFinish) => void
  /** When a run fails (not when the user stops it). Default: none. */
  onError?: (error: AgentRunError) => void
  /**
   * When a persisted conversation could not be stored (a full quota, a blocked storage): once
   * until a save succeeds again. The chat goes on in memory. Default: none.
   */
  onPersistError?: (error: unknown) => void
}

/** Options of one `send`. */
export interface SendOptions {
  /** Replaces the chat's `context` for this run. Default: the chat's `context`. */
  context?: RunContext
}

/** Everything `createChat` takes: the run settings, and how the conversation is stored. */
export interface ChatOptions extends RunSettings {
  /** Continues an existing conversation; read once, when the store is created. Default: a new one. */
  taskId?: string
  /** A conversation store shared with other code; read once. Default: one made for this chat. */
  store?: ConversationStore
  /** Keep the conversation across reloads: `true` derives the key from agent and endpoint. Default: `false`. */
  persist?: boolean | PersistOptions
  /**
   * Where the owner of `store` keeps it (a thread list keeps each thread under its own key): the
   * chat follows the other tabs that write that key, as a persisted chat does, from `resume` on.
   * Default: `persist`'s key and storage; none without `persist`.
   */
  follow?: { key: string; storage: PersistStorage }
}
