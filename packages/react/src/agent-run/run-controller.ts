import {
  AgentRunError,
  createAgentClient,
  isAgentRunError,
  type AgentClient,
  type AssistantMessage,
  type ConversationAction,
  type ConversationStore,
  type HeadersOption,
  type RunContext,
  type RunDiagnostic,
  type RunEvent,
  type RunRequest,
} from '@auteryn/client'
import { requestFrame, type CancelFrame } from './frame-scheduler'

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
}

/** Options of one `send`. */
export interface SendOptions {
  /** Replaces the hook's `context` for this run. Default: the hook's `context`. */
  context?: RunContext
}

export interface RunController {
  /** Starts a run (one POST). A run still live is stopped first, keeping its partial answer. */
  send(query: string, options?: SendOptions): void
  /** Aborts the live run and keeps its partial answer, marked `stopped`. */
  stop(): void
  /** Re-sends the last query in place of its failed, stopped or interrupted answer. */
  retry(): void
  /** Aborts any live run and starts a new, empty conversation. */
  reset(): void
  /** Aborts the live run and drops its pending updates without writing to the store (unmount). */
  dispose(): void
}

interface Run {
  id: string
  assistantMessageId: string
  abort: AbortController
  /** Every write to the store checks this: a dead run never touches the conversation again. */
  live: boolean
  pending: ConversationAction[]
  cancelFrame?: CancelFrame
}

let sequence = 0
function createId(prefix: string): string {
  sequence += 1
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${sequence}`
}

function toRunError(error: unknown): AgentRunError {
  if (isAgentRunError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new AgentRunError('network', message, { cause: error })
}

function reportCallbackError(error: unknown): void {
  console.error('[auteryn] A useAgentRun callback threw:', error)
}

/**
 * Orchestrates runs against one conversation store, without React: one AbortController per run,
 * stream events batched into at most one store update per animation frame, and a `live` flag that
 * keeps an aborted or unmounted run from writing anything after it ends.
 */
export function createRunController(
  store: ConversationStore,
  readSettings: () => RunSettings,
): RunController {
  let current: Run | undefined
  let lastContext: RunContext | undefined

  // Made lazily and again only when the connection changes. Headers are read per request, so
  // an inline `headers` object (new on every render) applies without a new client.
  let client: { key: readonly unknown[]; client: AgentClient } | undefined
  function clientFor(settings: RunSettings): AgentClient {
    const key = [settings.endpoint ?? '/api/run', settings.agentId, settings.apiKey, settings.fetch]
    if (client?.key.every((value, index) => value === key[index])) return client.client
    const created = createAgentClient({
      endpoint: settings.endpoint ?? '/api/run',
      agentId: settings.agentId,
      apiKey: settings.apiKey,
      fetch: settings.fetch,
      headers: async () => {
        const headers = readSettings().headers
        return (typeof headers === 'function' ? await headers() : headers) ?? {}
      },
    })
    client = { key, client: created }
    return created
  }

  function flush(run: Run): void {
    run.cancelFrame?.()
    run.cancelFrame = undefined
    if (!run.live || run.pending.length === 0) return
    const actions = run.pending
    run.pending = []
    store.dispatchMany(actions)
  }

  function enqueue(run: Run, action: ConversationAction): void {
    run.pending.push(action)
    run.cancelFrame ??= requestFrame(() => {
      run.cancelFrame = undefined
      flush(run)
    })
  }

  function end(run: Run): void {
    run.cancelFrame?.()
    run.cancelFrame = undefined
    run.live = false
    run.pending = []
    if (current === run) current = undefined
  }

  function finish(run: Run, reason: RunFinishReason): void {
    const message = store
      .getState()
      .messages.find(
        (candidate): candidate is AssistantMessage =>
          candidate.id === run.assistantMessageId && candidate.role === 'assistant',
      )
    const onFinish = readSettings().onFinish
    if (!message || !onFinish) return
    try {
      onFinish({
        message,
        creditsUsed: message.creditsUsed,
        durationMs: message.durationMs,
        reason,
      })
    } catch (error) {
      reportCallbackError(error)
    }
  }

  function stopRun(run: Run): void {
    if (!run.live) return
    flush(run)
    store.dispatch({ type: 'stop', runId: run.id })
    end(run)
    run.abort.abort()
    finish(run, 'stopped')
  }

  async function execute(run: Run, request: RunRequest, settings: RunSettings): Promise<void> {
    const client = clientFor(settings)
    const signal = run.abort.signal
    try {
      if (settings.stream === false) {
        const result = await client.run(request, { signal })
        if (!run.live) return
        store.dispatch({ type: 'result', runId: run.id, result })
      } else {
        const onProtocolError = (diagnostic: RunDiagnostic) => {
          if (run.live) enqueue(run, { type: 'diagnostic', runId: run.id, diagnostic })
        }
        for await (const event of client.stream(request, { signal, onProtocolError })) {
          if (!run.live) return
          try {
            readSettings().onEvent?.(event)
          } catch (error) {
            reportCallbackError(error)
          }
          enqueue(run, { type: 'event', runId: run.id, event })
          if (event.type === 'run_completed') flush(run)
        }
        if (!run.live) return
        flush(run)
      }
      end(run)
      finish(run, 'complete')
    } catch (caught) {
      if (!run.live) return
      const error = toRunError(caught)
      flush(run)
      store.dispatch({ type: 'fail', runId: run.id, error: error.toJSON() })
      end(run)
      finish(run, error.kind === 'interrupted' ? 'interrupted' : 'error')
      try {
        readSettings().onError?.(error)
      } catch (callbackError) {
        reportCallbackError(callbackError)
      }
    }
  }

  function start(query: string, context: RunContext | undefined, retryOf?: string): void {
    if (current) stopRun(current)
    const settings = readSettings()
    const run: Run = {
      id: createId('run'),
      assistantMessageId: createId('assistant'),
      abort: new AbortController(),
      live: true,
      pending: [],
    }
    current = run
    lastContext = context
    // The conversation's task id (learned from run_started) is what this POST must continue.
    const taskId = store.getState().taskId
    store.dispatch({
      type: 'send',
      runId: run.id,
      query,
      userMessageId: createId('user'),
      assistantMessageId: run.assistantMessageId,
      ...(retryOf ? { retryOf } : {}),
    })
    const request: RunRequest = {
      query,
      ...(taskId ? { taskId } : {}),
      ...(context ? { context } : {}),
    }
    void execute(run, request, settings)
  }

  return {
    send(query, options) {
      if (typeof query !== 'string' || query.trim() === '') {
        throw new TypeError('useAgentRun: send() needs a non-empty query string.')
      }
      start(query, options?.context ?? readSettings().context)
    },
    stop() {
      if (current) stopRun(current)
    },
    retry() {
      if (current) return
      const messages = store.getState().messages
      const answer = messages.at(-1)
      if (!answer || answer.role !== 'assistant' || answer.status === 'complete') return
      const question = messages.findLast((message) => message.role === 'user')
      if (!question || question.role !== 'user') return
      start(question.text, lastContext ?? readSettings().context, answer.id)
    },
    reset() {
      if (current) {
        const run = current
        end(run)
        run.abort.abort()
      }
      lastContext = undefined
      store.dispatch({ type: 'reset' })
    },
    dispose() {
      if (!current) return
      const run = current
      end(run)
      run.abort.abort()
    },
  }
}
