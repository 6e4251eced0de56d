import { createParser } from 'eventsource-parser'
import { AgentRunError } from './errors'
import { contentType, httpError } from './response-error'

/** One streaming POST, as the transport needs it. */
export interface EventStreamRequest {
  url: string
  /** Called once, before the POST; the abort signal and the idle timeout already apply. */
  headers: () => Promise<Record<string, string>>
  body: string
  fetch?: typeof fetch
  /** Aborting closes the connection; the promise then rejects with kind `aborted`. */
  signal?: AbortSignal
  /** No byte for this long: the connection is closed with kind `timeout`. */
  idleTimeoutMs: number
  /**
   * The non-empty `data` payloads that one read completed, in order, in one call. A throw ends
   * the stream with that error. The transport cannot stop between payloads of one call: a
   * caller that aborts while handling one must skip the rest itself.
   */
  onData(payloads: string[], ids: readonly string[]): void
  /**
   * The response's headers, once, before any event: a resumable route says so with
   * `Auteryn-Resumable: 1`. Default: none.
   */
  onOpen?(headers: Headers): void
  /**
   * An event the kit's own route names (`event: auteryn:…`, e.g. `auteryn:end`): never a run
   * event, so it is not among the payloads. Default: dropped.
   */
  onControl?(name: string, data: string): void
}

/**
 * Sends exactly one POST and reads its event stream. Resolves when the server closes the
 * stream, rejects with an `AgentRunError` otherwise. It never sends the POST again: a run
 * costs money, so retrying is always the user's explicit action.
 */
export type EventStreamTransport = (request: EventStreamRequest) => Promise<void>

/**
 * `fetch` and eventsource-parser. There is deliberately no reconnection, no `retry:` handling
 * and no reaction to the tab's visibility: each of those would send a paid POST again. The
 * parser works on decoded strings, one `TextDecoder` call per read, and joins a line split over
 * many reads once, so one huge line costs linear time.
 */
export const openEventStream: EventStreamTransport = async (request) => {
  const { signal, idleTimeoutMs, onData } = request
  if (signal?.aborted) throw abortedError()
  const connection = new AbortController()
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  // The first reason to stop wins; what the aborted fetch or read throws afterwards is noise.
  let failure: { error: unknown } | undefined
  const throwIfStopped = () => {
    if (failure) throw failure.error
  }
  let rejectStopped: (error: unknown) => void = () => {}
  // Every wait below races it; the first race is attached in the turn of the first possible stop.
  const stopped = new Promise<never>((_, reject) => (rejectStopped = reject))
  const stop = (error: unknown) => {
    if (failure) return
    failure = { error }
    rejectStopped(error)
    connection.abort()
    // A `fetch` that ignores its signal (a mock, a test double) must not leave a read pending.
    reader?.cancel().catch(() => {})
  }
  const onAbort = () => stop(abortedError())
  // An abort event fires once; the listener is removed when the stream ends.
  signal?.addEventListener('abort', onAbort)
  // Re-arming a timer on every read costs a tenth of the time with small reads: a read only
  // notes its time, and the one timer, when it fires, waits again for what is left.
  let deadline = 0
  const onBytes = () => void (deadline = performance.now() + idleTimeoutMs)
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  const checkIdle = () => {
    const left = deadline - performance.now()
    if (left > 0) idleTimer = setTimeout(checkIdle, left)
    else stop(new AgentRunError('timeout', `No data from the server for ${idleTimeoutMs} ms`))
  }
  onBytes()
  checkIdle()
  const send = request.fetch ?? fetch
  const { url, body } = request
  let responded = false
  try {
    // A headers function that never settles (a stuck token refresh) must not outlive an abort.
    const headers = await Promise.race([request.headers(), stopped])
    const response = await Promise.race([
      send(url, { method: 'POST', headers, body, signal: connection.signal }),
      stopped,
    ])
    responded = true
    onBytes()
    // A 500 served as an event stream is still a failure, not a stream.
    if (!response.ok) throw await Promise.race([httpError(response), stopped])
    const type = contentType(response)
    if (!type.startsWith('text/event-stream') || !response.body) {
      throw new AgentRunError('protocol', `Expected an event stream, got "${type}"`)
    }
    reader = response.body.getReader()
    // Stopped while the response arrived: `stop` found no reader to cancel.
    throwIfStopped()
    request.onOpen?.(response.headers)
    let payloads: string[] = []
    let ids: string[] = []
    // Comments and keep-alives arrive as empty events.
    const parser = createParser({
      onEvent: ({ data, id, event }) => {
        if (event?.startsWith('auteryn:')) request.onControl?.(event, data)
        else if (data) {
          payloads.push(data)
          ids.push(id ?? '')
        }
      },
    })
    const deliver = () => {
      const completed = payloads
      const completedIds = ids
      payloads = []
      ids = []
      try {
        if (completed.length > 0) onData(completed, completedIds)
      } catch (error) {
        stop(error)
      }
    }
    const decoder = new TextDecoder()
    let lastDecoded = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (failure) break
      // The parser holds a final CR back in case an LF follows; at the end, it ends its line.
      // Bytes after the last blank line end no event: dropped, as the spec says.
      if (done) {
        if (lastDecoded.endsWith('\r')) parser.feed('\n')
        deliver()
        break
      }
      onBytes()
      const decoded = decoder.decode(value, { stream: true })
      if (decoded !== '') parser.feed((lastDecoded = decoded))
      deliver()
    }
  } catch (error) {
    throwIfStopped()
    if (error instanceof AgentRunError) throw error
    if (!responded) throw networkError(error)
    throw interruptedError(error)
  } finally {
    clearTimeout(idleTimer)
    signal?.removeEventListener('abort', onAbort)
    connection.abort()
    reader?.cancel().catch(() => {})
  }
  throwIfStopped()
}

export function abortedError() {
  return new AgentRunError('aborted', 'The run was aborted')
}

/** The stream ended (cleanly or not) before `run_completed`. */
export function interruptedError(cause?: unknown) {
  return new AgentRunError('interrupted', 'The stream ended before the run completed', { cause })
}

export function networkError(cause: unknown) {
  return new AgentRunError('network', 'Could not reach the server', { cause })
}
