import { createChatRuns, type Run } from './chat-runs'
import type { ChatOptions, RunSettings, SendOptions } from './chat-settings'
import { createFrameBatch } from './frame-batch'
import { createRunKey } from './resume'
import { defaultStorage, parseStoredConversation, type PersistOptions } from './persistence'
import { onOtherTabWrite } from './other-tabs'
import { createConversation } from './reducer'
import { createConversationStore, type ConversationStore } from './store'
import type { Conversation, RunContext, RunRequest } from './types'

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
   * Re-attaches to the conversation's run that the route still keeps: the one a reload left
   * (restored from storage, status `reconnecting`), or the one `dispose` just detached (a
   * remount). Call it once the chat is in use (the React binding calls it on mount). It never
   * starts a run: the POST carries `Last-Event-ID`, and a run the route no longer has ends as
   * interrupted.
   */
  resume(): void
  /**
   * Closes the live run's connection and drops its pending updates (a component unmounting).
   * A run the route keeps is then stopped (`DELETE`) in the next task unless `resume` comes
   * first, as in a remount. The chat stays usable: a later `send` starts a new run.
   */
  dispose(): void
}

/** The re-attachment of each run key in this page, so that two never read one run at once. */
const attachments = new Map<string, Promise<void>>()

let sequence = 0
function createId(prefix: string): string {
  sequence += 1
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${sequence}`
}

function persistOptions(
  options: ChatOptions,
  onError: (error: unknown) => void,
): PersistOptions | undefined {
  if (!options.persist) return undefined
  if (options.persist !== true) return { onError, ...options.persist }
  return { key: `auteryn:${options.agentId ?? 'agent'}:${options.endpoint ?? '/api/run'}`, onError }
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
  const persist = persistOptions(options, (error) => readSettings().onPersistError?.(error))
  const followed = options.follow ?? persist
  const store = options.store ?? createConversationStore({ taskId: options.taskId, persist })
  // Storage is read in the store's constructor; a server has none and renders a new conversation.
  const serverState = !options.store && persist ? createConversation(options.taskId) : undefined
  let current: Run | undefined
  let lastContext: RunContext | undefined
  /** The stop that `dispose` scheduled for its live run, until `resume` cancels it. */
  let detached: { timer: ReturnType<typeof setTimeout> } | undefined
  /** Stops following other tabs (`resume` starts, `dispose` stops). */
  let unfollow: (() => void) | undefined

  const { execute, stopRun, abandon, stopOnServer } = createChatRuns(store, readSettings, (run) => {
    // A newer run may have taken its place already.
    if (current === run) current = undefined
  })

  /**
   * Follows the tabs that show the same stored conversation (`storage` events): what they store
   * replaces this conversation, and a run live there is read here too (re-attached by its key).
   */
  function followOtherTabs(): void {
    if (unfollow || !followed) return
    unfollow = onOtherTabWrite(followed.key, followed.storage ?? defaultStorage(), (value) => {
      let external: Conversation | undefined
      try {
        external = value === null ? createConversation() : parseStoredConversation(value, true)
      } catch {
        return
      }
      if (external) adopt(external)
    })
  }

  function adopt(external: Conversation): void {
    if (current) {
      // This tab's own run writes its answer; the other tab's copy of it is behind, as is a copy
      // with fewer messages (written before this tab's send).
      const ours = store.getState()
      if (external.activeRunId === current.id) return
      if (external.messages.length < ours.messages.length) return
      // Another tab sent, stopped or reset, and stopped this run on the route as it did so.
      abandon(current)
    }
    store.adopt(external)
    if (external.activeRunId && external.resumable) reattach(false)
  }

  /** Continues the conversation's live run from its last applied event: never a new run. */
  function reattach(announce = true): boolean {
    const { activeRunId, resumable, messages } = store.getState()
    const answer = messages.at(-1)
    const question = messages.findLast((message) => message.role === 'user')
    if (!activeRunId || !resumable || answer?.role !== 'assistant' || question?.role !== 'user') {
      return false
    }
    const run: Run = {
      id: activeRunId,
      assistantMessageId: answer.id,
      key: resumable.key,
      resumable: true,
      abort: new AbortController(),
      live: true,
      writes: createFrameBatch(store, activeRunId),
    }
    current = run
    if (announce) store.dispatch({ type: 'reconnecting', runId: run.id })
    const request: RunRequest = { query: question.text }
    // One attachment per key in this page at a time (two chats on one stored conversation).
    const previous = attachments.get(run.key) ?? Promise.resolve()
    const turn = previous.then(() => {
      if (run.live) return execute(run, request, readSettings(), resumable.lastEventId)
    })
    attachments.set(run.key, turn)
    void turn.finally(() => {
      if (attachments.get(run.key) === turn) attachments.delete(run.key)
    })
    return true
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
      key: createRunKey(),
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
      if (current) stopOnServer(current)
      abandon(current)
      lastContext = undefined
      store.dispatch({ type: 'reset' })
    },
    resume() {
      followOtherTabs()
      if (current) return
      // A remount takes over the run that dispose detached, instead of stopping it.
      if (reattach() && detached) {
        clearTimeout(detached.timer)
        detached = undefined
      }
    },
    dispose() {
      unfollow?.()
      unfollow = undefined
      const run = current
      abandon(run)
      if (!run || run.resumable === false) return
      // A remount (StrictMode's, or a moved component) resumes before the next task.
      const timer = setTimeout(() => {
        detached = undefined
        stopOnServer(run)
        store.dispatch({ type: 'stop', runId: run.id })
      })
      detached = { timer }
    },
  }
}
