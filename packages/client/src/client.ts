import { AgentRunError, isAgentRunError } from './errors'
import { createEventQueue } from './event-queue'
import { buildHeaders, type HeadersOption } from './headers'
import { httpError, isJson } from './response-error'
import { abortedError, interruptedError, networkError, openEventStream } from './transport'
import {
  defaultRetryDelaysMs,
  endOfLog,
  isCut,
  waitToReconnect,
  type RunAttachment,
} from './resume'
import type { RunDiagnostic, RunEvent, RunRequest, RunResult } from './types'
import { parseRunEvents, parseRunResult } from './validate'
import { isRejection, parseRunBody } from './wire'

export interface AgentClientOptions {
  /** The URL that runs the agent: your own proxy route (recommended) or the Auteryn API. Required. */
  endpoint: string
  /** Sent as `X-Agent-Id`. Default: none (a proxy usually adds it). */
  agentId?: string
  /** Sent as `Authorization: Bearer …`. A secret: keep it on a server. Default: none. */
  apiKey?: string
  /** Extra headers: an object, a `Headers`, or a function called per request (may be async). Default: none. */
  headers?: HeadersOption
  /** The fetch to use (a mock agent, a proxy handler). Default: the global `fetch`. */
  fetch?: typeof fetch
  /** Milliseconds without a byte before a stream fails with kind `timeout`. Default: 60000. */
  idleTimeoutMs?: number
  /**
   * Largest event a stream may send, in bytes as received; a larger one fails the run with kind
   * `protocol` instead of growing memory. Default: 4 MiB (4 * 1024 * 1024).
   */
  maxEventBytes?: number
  /** Called for each malformed event, which is skipped. Default: none. */
  onProtocolError?: (diagnostic: RunDiagnostic) => void
}

export interface StreamOptions {
  /** Aborting closes the connection; the iterable then throws kind `aborted`. Default: none. */
  signal?: AbortSignal
  /** Called for each malformed event of this run. Default: the client's `onProtocolError`. */
  onProtocolError?: (diagnostic: RunDiagnostic) => void
  /**
   * Makes the run resumable on the kit's own route: a run key, and re-attachment after a cut.
   * Default: none (one POST, never re-sent).
   */
  attach?: RunAttachment
}

export interface RunOptions {
  /** Aborts the request; the promise then rejects with kind `aborted`. Default: none. */
  signal?: AbortSignal
}

export interface AgentClient {
  /**
   * Runs the agent and yields its events. The POST is sent when iteration starts, exactly
   * once. Ends normally only after `run_completed` (which it yields); otherwise throws an
   * `AgentRunError`. Breaking out of the loop closes the connection.
   */
  stream(request: RunRequest, options?: StreamOptions): AsyncIterable<RunEvent>
  /**
   * Runs the agent now (exactly one POST) and calls `onEvent` for each event as soon as it is
   * parsed, with no promise per event: the fastest way to feed a store. Resolves after
   * `run_completed` (which `onEvent` receives); otherwise rejects with an `AgentRunError`, or
   * with what `onEvent` threw (which also closes the connection).
   */
  forEachEvent(
    request: RunRequest,
    onEvent: (event: RunEvent) => void,
    options?: StreamOptions,
  ): Promise<void>
  /** Runs the agent in JSON mode (`stream: false`) and resolves the validated result. */
  run(request: RunRequest, options?: RunOptions): Promise<RunResult>
}

/** One warning per page: every chat of the page would otherwise repeat it. */
let warnedAboutSecretKey = false

export function createAgentClient(options: AgentClientOptions): AgentClient {
  if (
    !warnedAboutSecretKey &&
    options.apiKey?.startsWith('afk_') &&
    typeof document !== 'undefined'
  ) {
    warnedAboutSecretKey = true
    console.warn(
      "Auteryn: afk_ keys are secret; keep yours on a server (createRunHandler from '@auteryn/server').",
    )
  }
  return {
    stream: (request, streamOptions = {}) => streamEvents(options, request, streamOptions),
    forEachEvent: (request, onEvent, streamOptions = {}) =>
      forEachEvent(options, request, onEvent, streamOptions),
    run: (request, runOptions = {}) => runOnce(options, request, runOptions.signal),
  }
}

/**
 * The iterable over `forEachEvent`: events wait in a queue for the loop. The POST is sent on
 * the first `next`, exactly once.
 */
function streamEvents(
  options: AgentClientOptions,
  request: RunRequest,
  streamOptions: StreamOptions,
): AsyncIterable<RunEvent> {
  const connection = new AbortController()
  let unfollow = () => {}
  // Once the queue has ended (completed, aborted, or failed), later outcomes are ignored.
  const stop = (error?: unknown) => {
    queue.end(error)
    unfollow()
    connection.abort()
  }
  const queue = createEventQueue<RunEvent>(() => {
    unfollow = followAbort(connection, streamOptions.signal)
    const signal = connection.signal
    forEachEvent(options, request, queue.push, { ...streamOptions, signal }).then(
      () => stop(),
      stop,
    )
  }, stop)
  return queue
}

async function forEachEvent(
  options: AgentClientOptions,
  request: RunRequest,
  onEvent: (event: RunEvent) => void,
  { signal, onProtocolError = options.onProtocolError, attach }: StreamOptions,
): Promise<void> {
  const body = wireBody(request, true)
  // Aborted with the caller's signal, and once run_completed is in, whether or not the server
  // closes the connection.
  const connection = new AbortController()
  const unfollow = followAbort(connection, signal)
  let serverRunId: string | undefined
  let completed = false
  // Re-attachment state: the last id applied, whether the route keeps the run, the end marker.
  let lastEventId = attach?.lastEventId
  let resumable = lastEventId !== undefined
  let ended: AgentRunError | undefined
  let attempt = 0
  const onData = (payloads: string[], ids: readonly string[]) => {
    let fresh = payloads
    let freshIds = ids
    // A resume starts after Last-Event-ID; an id seen again must not repeat its text.
    if (attach && ids.some((id) => Number(id) <= (lastEventId ?? 0) && id !== '')) {
      const keep = ids.map((id) => id === '' || Number(id) > (lastEventId ?? 0))
      fresh = payloads.filter((_, index) => keep[index])
      freshIds = ids.filter((_, index) => keep[index])
    }
    const parsedEvents = parseRunEvents(fresh)
    const before = lastEventId
    try {
      for (const [index, parsed] of parsedEvents.entries()) {
        // After run_completed or an abort, nothing more reaches the caller, even from this read.
        if (connection.signal.aborted) return
        if ('failure' in parsed) throw parsed.failure
        if ('diagnostic' in parsed) report(onProtocolError, parsed.diagnostic)
        else onRunEvent(parsed.event)
        const id = Number(freshIds[index])
        if (freshIds[index] !== '' && Number.isSafeInteger(id)) lastEventId = id
      }
    } finally {
      if (lastEventId !== before && lastEventId !== undefined) {
        attempt = 0
        attach?.onEventId?.(lastEventId)
      }
    }
  }
  const onRunEvent = (event: RunEvent) => {
    if (event.type === 'run_started') {
      if (serverRunId !== undefined && serverRunId !== event.runId) {
        throw new AgentRunError('protocol', `A second run started (${event.runId}) in one stream`)
      }
      serverRunId = event.runId
    }
    onEvent(event)
    if (event.type === 'run_completed') {
      completed = true
      connection.abort()
    }
  }
  let opened = false
  const onOpen = (headers: Headers) => {
    if (!attach) return
    if (attempt > 0) attach.onReattached?.()
    if (opened) return
    opened = true
    resumable ||= headers.get('auteryn-resumable') === '1'
    attach.onResumable?.(resumable)
  }
  const runHeaders = async () => {
    const headers = await buildHeaders(options, 'text/event-stream')
    if (!attach) return headers
    headers['idempotency-key'] = attach.key
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId)
    return headers
  }
  const onControl = (name: string, data: string) => {
    if (attach && name === 'auteryn:end') ended = endOfLog(data)
  }
  try {
    for (;;) {
      const resuming = lastEventId !== undefined
      let cut: unknown
      try {
        await openEventStream({
          url: options.endpoint,
          headers: runHeaders,
          body,
          fetch: options.fetch,
          signal: connection.signal,
          idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
          maxEventBytes: options.maxEventBytes ?? 4 * 1024 * 1024,
          onData,
          onOpen,
          onControl,
        })
        cut = interruptedError()
      } catch (error) {
        cut = error
      }
      if (completed) return
      if (ended) throw ended
      // A resume that finds no run (expired, or another identity's) ends as a cut run does.
      if (resuming && isAgentRunError(cut) && (cut.status === 404 || cut.status === 410)) {
        throw interruptedError(cut)
      }
      const delays = attach?.retryDelaysMs ?? defaultRetryDelaysMs
      if (!attach || !resumable || !isCut(cut) || attempt >= delays.length) throw cut
      attempt += 1
      attach.onReconnecting?.(attempt, cut)
      await waitToReconnect(delays[attempt - 1]!, connection.signal)
      lastEventId ??= 0
    }
  } finally {
    unfollow()
  }
}

async function runOnce(options: AgentClientOptions, request: RunRequest, signal?: AbortSignal) {
  const body = wireBody(request, false)
  const headers = await buildHeaders(options, 'application/json')
  if (signal?.aborted) throw abortedError()
  const send = options.fetch ?? fetch
  let response: Response
  try {
    response = await send(options.endpoint, { method: 'POST', headers, body, signal })
  } catch (error) {
    throw signal?.aborted ? abortedError() : networkError(error)
  }
  if (!response.ok) throw await httpError(response)
  const result: unknown = isJson(response)
    ? await response.json().catch((error: unknown) => error)
    : undefined
  if (signal?.aborted) throw abortedError()
  if (result === undefined || result instanceof Error) {
    throw new AgentRunError('protocol', 'The result is not JSON', { cause: result })
  }
  return parseRunResult(result)
}

/** Aborts `controller` when `signal` aborts (at once if it has); returns the undo. */
function followAbort(controller: AbortController, signal: AbortSignal | undefined) {
  const abort = () => controller.abort()
  if (signal?.aborted) abort()
  signal?.addEventListener('abort', abort)
  return () => signal?.removeEventListener('abort', abort)
}

/** The documented snake_case body, refused before any POST by the same rule a proxy applies. */
function wireBody({ query, taskId, context }: RunRequest, stream: boolean) {
  const body = parseRunBody(
    {
      query,
      task_id: taskId,
      stream,
      context: context && {
        user_id: context.userId,
        user_name: context.userName,
        metadata: context.metadata,
      },
    },
    true,
  )
  if (isRejection(body)) throw new TypeError(`request: ${body.message}`)
  return JSON.stringify(body)
}

/** A diagnostic callback is an observer: its bugs must not end (or re-send) a paid run. */
function report(callback: StreamOptions['onProtocolError'], diagnostic: RunDiagnostic) {
  try {
    callback?.(diagnostic)
  } catch (error) {
    console.error('Auteryn: onProtocolError threw', error)
  }
}
