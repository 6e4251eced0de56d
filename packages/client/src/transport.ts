import { fetchEventSource } from '@microsoft/fetch-event-source'
import { AgentRunError } from './errors'
import { contentType, httpError } from './response-error'
import { createEventMeter, LINE_FEED, CARRIAGE_RETURN } from './event-meter'

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
  /** One event larger than this (in bytes, as received) fails the run with kind `protocol`. */
  maxEventBytes: number
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
 * The one place that uses fetch-event-source. Its defaults are unsafe for paid runs, so every
 * option below is a guard: see the hazards in the package README.
 */
export const openEventStream: EventStreamTransport = (request) =>
  new Promise((resolve, reject) => {
    const { signal, idleTimeoutMs, onData } = request
    // fetch-event-source ignores a signal that is already aborted and would POST anyway.
    if (signal?.aborted) return reject(abortedError())
    // It also calls document and window unguarded when it ends: fail clearly, before any POST.
    if (typeof document === 'undefined') {
      return reject(
        new TypeError('Streaming needs a DOM (a browser, or jsdom); use client.run() elsewhere'),
      )
    }
    const connection = new AbortController()
    let settled = false
    let responded = false
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
    let payloads: string[] = []
    // Each payload's `id:` ('' when it has none), for a client that re-attaches by id.
    let ids: string[] = []
    const deliver = () => {
      if (settled || payloads.length === 0) return
      const ready = payloads
      const readyIds = ids
      payloads = []
      ids = []
      try {
        onData(ready, readyIds)
      } catch (error) {
        settle(error)
      }
    }
    const settle = (error?: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(idleTimer)
      signal?.removeEventListener('abort', onAbort)
      connection.abort()
      // A `fetch` that ignores its signal (a mock, a test double) must not leave a read pending.
      reader?.cancel().catch(() => {})
      if (error === undefined) resolve()
      else reject(error)
    }
    // fetch-event-source resolves (not rejects) on abort: the outcome is decided here instead.
    const onAbort = () => settle(abortedError())
    // Re-arming a timer on every read costs a tenth of the time with small reads: a read only
    // notes its time, and the one timer, when it fires, waits again for what is left.
    let deadline = performance.now() + idleTimeoutMs
    const onBytes = () => void (deadline = performance.now() + idleTimeoutMs)
    let idleTimer: ReturnType<typeof setTimeout> | undefined
    const checkIdle = () => {
      const left = deadline - performance.now()
      if (left > 0) idleTimer = setTimeout(checkIdle, left)
      else settle(new AgentRunError('timeout', `No data from the server for ${idleTimeoutMs} ms`))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    checkIdle()
    const send = request.fetch ?? ((input, init) => fetch(input, init))

    const open = async () => {
      const headers = await request.headers()
      // Stopped while the headers were prepared (a slow token refresh): send nothing.
      if (settled) return
      await fetchEventSource(request.url, {
        method: 'POST',
        // A plain object: the library copies headers with Object.assign, which drops a `Headers`.
        headers,
        body: request.body,
        signal: connection.signal,
        // By default it aborts when the tab is hidden and POSTs again when it is visible.
        openWhenHidden: true,
        async fetch(input, init) {
          const response = await send(input, init)
          responded = true
          onBytes()
          if (!response.ok || !response.body) return response
          reader = response.body.getReader()
          return wholeLines(response, reader, {
            onBytes,
            deliver,
            tooLarge: createEventMeter(request.maxEventBytes),
            maxEventBytes: request.maxEventBytes,
          })
        },
        async onopen(response) {
          // By default any status passes if the content type is right (a 500 "stream").
          if (!response.ok) throw await httpError(response)
          const type = contentType(response)
          if (!type.startsWith('text/event-stream')) {
            throw new AgentRunError('protocol', `Expected an event stream, got "${type}"`)
          }
          request.onOpen?.(response.headers)
        },
        onmessage(message) {
          if (message.event.startsWith('auteryn:')) {
            request.onControl?.(message.event, message.data)
          } else if (message.data !== '') {
            // Comments and keep-alives arrive as empty events.
            payloads.push(message.data)
            ids.push(message.id)
          }
        },
        onerror(error) {
          // Returning would schedule a retry (every second, or per the server's `retry:`):
          // throwing is the only way to stop it.
          if (error instanceof AgentRunError) throw error
          throw responded ? interruptedError(error) : networkError(error)
        },
      })
    }
    open().then(() => settle(), settle)
  })

/**
 * fetch-event-source's line reader copies its whole pending buffer on every chunk: quadratic
 * when one long line (a large tool result) arrives in many chunks. Handing it only chunks that
 * end at a line break keeps that buffer empty; here each byte is copied at most once, and one
 * event may not grow past `maxEventBytes`. Payloads parsed from a chunk are handed over when the
 * library asks for the next one, so one read's events arrive in one `onData` call. (A leading BOM
 * needs nothing here: the library's TextDecoder drops it.)
 */
function wholeLines(
  response: Response,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: {
    onBytes: () => void
    deliver: () => void
    tooLarge: (chunk: Uint8Array) => boolean
    maxEventBytes: number
  },
): Response {
  const { onBytes, deliver, tooLarge, maxEventBytes } = options
  let pending: Uint8Array[] = []
  const lines = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        deliver()
        for (;;) {
          const { done, value: chunk } = await reader.read()
          // Bytes after the last line break end no event: dropped, as the library would.
          if (done) return controller.close()
          onBytes()
          if (tooLarge(chunk)) {
            throw new AgentRunError('protocol', `An event is larger than ${maxEventBytes} bytes`)
          }
          const end = Math.max(chunk.lastIndexOf(LINE_FEED), chunk.lastIndexOf(CARRIAGE_RETURN)) + 1
          if (!end) {
            pending.push(chunk)
            continue
          }
          const whole = concat([...pending, chunk.subarray(0, end)])
          pending = [chunk.subarray(end)]
          return controller.enqueue(whole)
        }
      },
    },
    // Pulled only when the library reads, so the previous chunk's events are all parsed by then.
    { highWaterMark: 0 },
  )
  // A Response is a valid init: its status, status text and headers are copied.
  return new Response(lines, response)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const whole = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0))
  chunks.reduce((offset, chunk) => (whole.set(chunk, offset), offset + chunk.length), 0)
  return whole
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
