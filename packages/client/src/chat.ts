import { createClientCache } from './client-cache'
import type { ChatOptions, RunFinishReason, RunSettings, SendOptions } from './chat-settings'
import { AgentRunError, isAgentRunError } from './errors'
import { createFrameBatch, type FrameBatch } from './frame-batch'
import type { PersistOptions } from './persistence'
import { createConversation } from './reducer'
import { createConversationStore, type ConversationStore } from './store'
import type {
  AssistantMessage,
  Conversation,
  RunContext,
  RunDiagnostic,
  RunEvent,
  RunRequest,
} from './types'

/** One conversation's controller, free of any UI framework. */
export interface Chat {
  /** The conversation store every run writes to (created once, or the `store` option). */
  readonly store: ConversationStore
  /** The conversation now. */
  getState(): Conversation
  /** Calls `listener` after each change (at most once an animation frame while streaming). */
  subscribe(listener: (conversation: Conversation) => void): () => void
  /**
   * What a server render shows: a persisted chat restores from storage only in a browser, so
   * hydration must start from the conversation the server had. Otherwise the conversation now.
   */
  getServerState(): Conversation
  /**
   * Replaces the run settings (connection and callbacks). They are read at each send, so a
   * change applies to the next run and restarts nothing; `taskId`, `store` and `persist` are
   * read once, by `createChat`, and ignored here.
   */
  setOptions(options: ChatOptions): void
  /**
   * Starts a run: exactly one POST. A run still live is stopped first (its partial answer stays,
   * marked `stopped`), so one conversation never has two runs. Throws a `TypeError` for an empty
   * query.
   */
  send(query: string, options?: SendOptions): void
  /** Aborts the live run and keeps its partial answer, marked `stopped`. */
  stop(): void
  /** Re-sends the last question in place of its failed, stopped or interrupted answer. */
  retry(): void
  /**
   * Asks the last question again: a new run (one POST) of the same task, whose answer takes the
   * last one's place, keeping it as a version. Ignored while a run is live.
   */
  regenerate(): void
  /**
   * Asks `query` in place of the last question: a new run of the same task, keeping the last
   * question and answer as a version. Ignored while a run is live; throws a `TypeError` for an
   * empty query.
   */
  edit(query: string): void
  /** Aborts any live run and starts a new, empty conversation. */
  reset(): void
  /**
   * Aborts the live run and drops its pending updates without writing to the store (a component
   * unmounting). The chat stays usable: a later `send` starts a new run.
   */
  dispose(): void
}

interface Run {
  id: string
  assistantMessageId: string
  abort: AbortController
  /** Every write to the store checks this: a dead run never touches the conversation again. */
  live: boolean
  /** Stream events waiting for the next animation frame. */
  writes: FrameBatch
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
  console.error('[auteryn] A chat callback threw:', error)
}

function persistOptions(options: ChatOptions): PersistOptions | undefined {
  if (!options.persist) return undefined
  if (options.persist !== true) return options.persist
  return { key: `auteryn:${options.agentId ?? 'agent'}:${options.endpoint ?? '/api/run'}` }
}

/**
 * Creates the controller of one conversation, without React or any other framework: one
 * AbortController per run, stream events batched into at most one store update per animation
 * frame, and a `live` flag that keeps an aborted or disposed run from writing anything after it
 * ends. A UI binding creates it once per chat and reads `store` with selectors.
 */
export function createChat(options: ChatOptions = {}): Chat {
  let settings: RunSettings = options
  const readSettings = () => settings
  const persist = persistOptions(options)
  const store = options.store ?? createConversationStore({ taskId: options.taskId, persist })
  // Storage is read in the store's constructor; a server has none and renders a new conversation.
  const serverState = !options.store && persist ? createConversation(options.taskId) : undefined
  let current: Run | undefined
  let lastContext: RunContext | undefined

  const clientFor = createClientCache(readSettings)

  function flush(run: Run): void {
    if (run.live) run.writes.flush()
  }

  function end(run: Run): void {
    run.live = false
    run.writes.drop()
    if (current === run) current = undefined
  }

  /** Ends a run silently: no stop, no failure, no callback (reset and unmount). */
  function abandon(run: Run | undefined): void {
    if (!run) return
    end(run)
    run.abort.abort()
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
    const signal = run.abort.signal
    try {
      const client = clientFor(settings)
      if (settings.stream === false) {
        const result = await client.run(request, { signal })
        if (!run.live) return
        store.dispatch({ type: 'result', runId: run.id, result })
      } else {
        const onProtocolError = (diagnostic: RunDiagnostic) => {
          if (run.live) run.writes.add({ type: 'diagnostic', runId: run.id, diagnostic })
        }
        // A callback per event, not `for await`: no promise per chunk on the hot path.
        const onEvent = (event: RunEvent) => {
          if (!run.live) return
          try {
            readSettings().onEvent?.(event)
          } catch (error) {
            reportCallbackError(error)
          }
          if (event.type === 'text_chunk') run.writes.addText(event.content)
          else run.writes.add({ type: 'event', runId: run.id, event })
          if (event.type === 'run_completed') flush(run)
        }
        await client.forEachEvent(request, onEvent, { signal, onProtocolError })
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

  /** Where the new answer goes: appended, in place of a failed one (retry), or a revision. */
  type Placement = { retryOf?: string; revise?: string }

  function start(query: string, context: RunContext | undefined, placement: Placement = {}): void {
    if (current) stopRun(current)
    const runSettings = readSettings()
    const id = createId('run')
    const run: Run = {
      id,
      assistantMessageId: createId('assistant'),
      abort: new AbortController(),
      live: true,
      writes: createFrameBatch(store, id),
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
      ...placement,
    })
    const request: RunRequest = {
      query,
      ...(taskId ? { taskId } : {}),
      ...(context ? { context } : {}),
    }
    void execute(run, request, runSettings)
  }

  /** The last question and its answer, when nothing runs: what regenerate and edit revise. */
  function lastExchange() {
    if (current) return undefined
    const messages = store.getState().messages
    const answer = messages.at(-1)
    const question = messages.at(-2)
    if (answer?.role !== 'assistant' || question?.role !== 'user') return undefined
    return { question, answer }
  }

  return {
    store,
    getState: () => store.getState(),
    subscribe: store.subscribe,
    getServerState: () => serverState ?? store.getState(),
    setOptions(next) {
      settings = next
    },
    send(query, sendOptions) {
      if (typeof query !== 'string' || query.trim() === '') {
        throw new TypeError('send() needs a non-empty query string.')
      }
      start(query, sendOptions?.context ?? readSettings().context)
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
      start(question.text, lastContext ?? readSettings().context, { retryOf: answer.id })
    },
    regenerate() {
      const last = lastExchange()
      if (last)
        start(last.question.text, lastContext ?? readSettings().context, { revise: last.answer.id })
    },
    edit(query) {
      if (typeof query !== 'string' || query.trim() === '') {
        throw new TypeError('edit() needs a non-empty query string.')
      }
      const last = lastExchange()
      if (last) start(query, lastContext ?? readSettings().context, { revise: last.answer.id })
    },
    reset() {
      abandon(current)
      lastContext = undefined
      store.dispatch({ type: 'reset' })
    },
    dispose() {
      abandon(current)
    },
  }
}
