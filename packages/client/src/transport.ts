import { fetchEventSource } from '@microsoft/fetch-event-source'
import { AgentRunError } from './errors'
import { contentType, httpError } from './response-error'

/** One streaming POST, as the transport needs it. */
export interface EventStreamRequest {
  url: string
  headers: Record<string, string>
  body: string
  fetch?: typeof fetch
  /** Aborting closes the connection; the promise then rejects with kind `aborted`. */
  signal?: AbortSignal
  /** No byte for this long: the connection is closed with kind `timeout`. */
  idleTimeoutMs: number
  /** Each non-empty `data` payload, in order. A throw ends the stream with that error. */
  onData(data: string): void
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
    const { signal, idleTimeoutMs } = request
    // fetch-event-source ignores a signal that is already aborted and would POST anyway.
    if (signal?.aborted) return reject(abortedError())
    // It also calls document and window unguarded when it ends: fail clearly, before any POST.
    if (typeof document === 'undefined') {
      return reject(new Error('Streaming needs a browser environment; use client.run() elsewhere'))
    }
    const connection = new AbortController()
    let settled = false
    let responded = false
    let idleTimer: ReturnType<typeof setTimeout> | undefined
    let deadline = performance.now() + idleTimeoutMs

    const settle = (error?: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(idleTimer)
      signal?.removeEventListener('abort', onAbort)
      connection.abort()
      if (error === undefined) resolve()
      else reject(error)
    }
    // fetch-event-source resolves (not rejects) on abort: the outcome is decided here instead.
    const onAbort = () => settle(abortedError())
    // Re-arming a timer on every read was a tenth of the time with small reads: a read only
    // notes its time, and the one timer, when it fires, waits again for what is left.
    const onBytes = () => void (deadline = performance.now() + idleTimeoutMs)
    const checkIdle = () => {
      const left = deadline - performance.now()
      if (left > 0) idleTimer = setTimeout(checkIdle, left)
      else settle(new AgentRunError('timeout', `No data from the server for ${idleTimeoutMs} ms`))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    checkIdle()
    const send = request.fetch ?? ((input, init) => fetch(input, init))

    fetchEventSource(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: connection.signal,
      // By default it aborts when the tab is hidden and POSTs again when it is visible.
      openWhenHidden: true,
      async fetch(input, init) {
        const response = await send(input, init)
        responded = true
        onBytes()
        return response.ok && response.body ? withWholeLines(response, onBytes) : response
      },
      async onopen(response) {
        // By default any status passes if the content type is right (a 500 "stream").
        if (!response.ok) throw await httpError(response)
        const type = contentType(response)
        if (!type.startsWith('text/event-stream')) {
          throw new AgentRunError('protocol', `Expected an event stream, got "${type}"`)
        }
      },
      onmessage(message) {
        // Comments and keep-alives arrive as empty events.
        if (settled || message.data === '') return
        try {
          request.onData(message.data)
        } catch (error) {
          settle(error)
        }
      },
      onclose: settle,
      onerror(error) {
        // Returning would schedule a retry (every second, or per the server's `retry:`):
        // throwing is the only way to stop it.
        if (error instanceof AgentRunError) throw error
        throw responded
          ? new AgentRunError('interrupted', 'The connection was lost during the run', {
              cause: error,
            })
          : networkError(error)
      },
    }).then(() => settle(), settle)
  })

export function abortedError() {
  return new AgentRunError('aborted', 'The run was aborted')
}

export function networkError(cause: unknown) {
  return new AgentRunError('network', 'Could not reach the server', { cause })
}

const LINE_FEED = 10
const CARRIAGE_RETURN = 13

/**
 * fetch-event-source's line parser copies its whole pending buffer on every chunk: quadratic
 * when one long line (a large tool result) arrives in many chunks. Handing it only chunks that
 * end at a line break keeps that buffer empty; here each byte is copied at most once. This is
 * also where bytes are seen, for the idle timeout. (A leading BOM needs nothing here: the
 * library's TextDecoder drops it.) A pull source reading the body directly, not a
 * `TransformStream`: its extra queue and promises cost more than the regrouping itself.
 */
function withWholeLines(response: Response, onBytes: () => void): Response {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  let pending: Uint8Array[] = []
  const lines = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const { done, value: chunk } = await reader.read()
        // Bytes after the last line break end no event: dropped, as the library would.
        if (done) return controller.close()
        onBytes()
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
  })
  // A Response is a valid init: its status, status text and headers are copied.
  return new Response(lines, response)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0))
  chunks.reduce((offset, chunk) => (whole.set(chunk, offset), offset + chunk.length), 0)
  return whole
}
