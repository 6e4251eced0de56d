import { createClientCache } from './client-cache'
import type { RunFinishReason, RunSettings } from './chat-settings'
import { AgentRunError, isAgentRunError } from './errors'
import type { FrameBatch } from './frame-batch'
import { rememberRoute, routeMayKeepRuns, sendStop, type RunAttachment } from './resume'
import type { ConversationStore } from './store'
import type { AssistantMessage, RunDiagnostic, RunEvent, RunRequest } from './types'

/** One run of a chat, from its send or re-attachment to its end. */
export interface Run {
  id: string
  assistantMessageId: string
  /** The run's `Idempotency-Key` (one per send or retry). */
  key: string
  /** Whether the route keeps the run: `undefined` until its first response. */
  resumable?: boolean
  abort: AbortController
  /** Every write to the store checks this: a dead run never touches the conversation again. */
  live: boolean
  /** Stream events waiting for the next animation frame. */
  writes: FrameBatch
}

/** What a chat does with one run, from its request to its end. */
export interface ChatRuns {
  /** Sends the run's request and writes its answer to the store until the run ends. */
  execute(run: Run, request: RunRequest, settings: RunSettings, lastEventId?: number): Promise<void>
  /** Stops a live run: its partial answer stays, marked stopped, and the route is told. */
  stopRun(run: Run): void
  /** Ends a run silently, as a reset or an unmount does: no stop is sent, nothing reported. */
  abandon(run: Run | undefined): void
  /** Tells the route to end the run now, unless it said it keeps no runs (reset, unmount, stop). */
  stopOnServer(run: Run): void
}

function toRunError(error: unknown): AgentRunError {
  if (isAgentRunError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new AgentRunError('network', message, { cause: error })
}

function reportCallbackError(error: unknown): void {
  console.error('[auteryn] A chat callback threw:', error)
}

/**
 * Runs a chat's runs against its store, with the settings `readSettings` gives at the time.
 * `ended` is called as each run ends, whatever ended it.
 */
export function createChatRuns(
  store: ConversationStore,
  readSettings: () => RunSettings,
  ended: (run: Run) => void,
): ChatRuns {
  const clientFor = createClientCache(readSettings)

  function flush(run: Run): void {
    if (run.live) run.writes.flush()
  }

  function end(run: Run): void {
    run.live = false
    run.writes.drop()
    ended(run)
  }

  /** Ends a run silently: no stop, no failure, no `onFinish` or `onError` (reset and unmount). */
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

  /**
   * Tells the route to end the run now rather than after its grace period. Sent unless the
   * route said it keeps nothing: before the first response the run may already have started,
   * so then it is asked unless it said so for an earlier run.
   */
  function stopOnServer(run: Run): void {
    const settings = readSettings()
    if (run.resumable ?? routeMayKeepRuns(settings)) void sendStop(settings, run.key)
  }

  function stopRun(run: Run): void {
    if (!run.live) return
    flush(run)
    store.dispatch({ type: 'stop', runId: run.id })
    end(run)
    run.abort.abort()
    stopOnServer(run)
    finish(run, 'stopped')
  }

  function attachmentOf(run: Run, lastEventId: number | undefined): RunAttachment {
    return {
      key: run.key,
      lastEventId,
      onResumable(resumable) {
        run.resumable = resumable
        rememberRoute(readSettings(), resumable)
        // At once, not with the frame: a dispose drops the frame, and a remount needs the key.
        if (resumable && run.live)
          store.dispatch({ type: 'resumable', runId: run.id, key: run.key })
      },
      onEventId(eventId) {
        if (run.live) run.writes.add({ type: 'progress', runId: run.id, eventId })
      },
      onReconnecting() {
        if (!run.live) return
        flush(run)
        store.dispatch({ type: 'reconnecting', runId: run.id })
      },
      onReattached() {
        if (run.live) run.writes.add({ type: 'attached', runId: run.id })
      },
    }
  }

  async function execute(
    run: Run,
    request: RunRequest,
    settings: RunSettings,
    lastEventId?: number,
  ): Promise<void> {
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
        const attach = attachmentOf(run, lastEventId)
        await client.forEachEvent(request, onEvent, { signal, onProtocolError, attach })
        if (!run.live) return
        flush(run)
      }
      end(run)
      finish(run, 'complete')
    } catch (caught) {
      if (!run.live) return
      const error = toRunError(caught)
      // Stopped elsewhere (another tab, another chat on this run): a stop, not a failure.
      if (error.code === 'stopped') {
        run.resumable = false
        return stopRun(run)
      }
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

  return { execute, stopRun, abandon, stopOnServer }
}
