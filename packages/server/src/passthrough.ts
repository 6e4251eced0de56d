import { createIdleTimer } from './idle-timer'
import type { Redactor } from './redact'
import { errorResponse, isEventStream, streamingHeaders } from './responses'
import { createEventPipeline } from './event-pipeline'
import { runStartedOf } from './sse-events'
import {
  isRedirect,
  passedHeaders,
  postUpstream,
  upstreamFailures,
  type UpstreamCall,
  type UpstreamFailure,
} from './upstream'

export interface PassThroughOptions {
  idleTimeoutMs: number
  maxBufferBytes: number
  redactor: Redactor
  onRunStarted?: (ids: { runId: string; taskId: string }) => void
}

export const failureResponse = ({ status, code, message }: UpstreamFailure) =>
  errorResponse(status, code, message)

/** Event streams go through the same event pipeline as resumable runs, ids aside. */
function eventTransform(
  redactor: Redactor,
  onRunStarted: PassThroughOptions['onRunStarted'],
  encoder: TextEncoder,
) {
  let started = onRunStarted === undefined
  const pipeline = createEventPipeline(redactor, (event) => {
    if (started) return
    const ids = runStartedOf(event)
    if (ids === undefined) return
    started = true
    onRunStarted?.(ids)
  })
  const encode = (lines: string[]) => encoder.encode(lines.map((text) => `${text}\n\n`).join(''))
  return {
    push: (chunk: Uint8Array) => encode(pipeline.push(chunk)),
    flush: () => encode(pipeline.flush()),
  }
}

/**
 * A run that is not resumable (no `Idempotency-Key`, or `runs: false`): the answer streams
 * straight through, and the browser leaving aborts the upstream request.
 */
export async function passThrough(
  request: Request,
  call: UpstreamCall,
  body: { text: string; stream: boolean },
  options: PassThroughOptions,
): Promise<Response> {
  const { idleTimeoutMs, maxBufferBytes, redactor } = options
  const upstream = new AbortController()
  // An abandoned run keeps costing credits: the browser leaving stops the upstream request.
  const onClientGone = () => upstream.abort()
  request.signal.addEventListener('abort', onClientGone, { once: true })
  let timedOut = false
  const idle = createIdleTimer(idleTimeoutMs, () => {
    timedOut = true
    upstream.abort()
  })
  const release = () => {
    idle.stop()
    request.signal.removeEventListener('abort', onClientGone)
  }

  idle.arm()
  let response: Response
  try {
    response = await postUpstream(call, body, upstream.signal)
  } catch {
    release()
    if (timedOut) return failureResponse(upstreamFailures.timeout)
    if (request.signal.aborted) return new Response(null, { status: 499 })
    return failureResponse(upstreamFailures.unreachable)
  }
  idle.stop()
  if (isRedirect(response)) {
    release()
    upstream.abort()
    return failureResponse(upstreamFailures.redirect)
  }

  const headers = new Headers(passedHeaders(response, redactor))
  headers.set('cache-control', 'no-store')
  if (isEventStream(headers.get('content-type'))) streamingHeaders(headers)
  if (response.body === null) {
    release()
    return new Response(null, { status: response.status, headers })
  }

  const reader = response.body.getReader()
  const encoder = new TextEncoder()
  const transform = isEventStream(headers.get('content-type'))
    ? eventTransform(redactor, options.onRunStarted, encoder)
    : redactor.stream()
  const stream = new ReadableStream<Uint8Array>(
    {
      // Pulled while the buffer has room, whether or not the browser reads: the idle timer
      // measures the upstream alone, and a stalled browser is back-pressure once the buffer is full.
      async pull(controller) {
        try {
          // A pull that enqueues nothing is not called again: read until there is something.
          for (;;) {
            idle.arm()
            const read = await reader.read()
            idle.stop()
            const bytes = read.done ? transform.flush() : transform.push(read.value)
            if (bytes.byteLength > 0) controller.enqueue(bytes)
            if (read.done) {
              release()
              return controller.close()
            }
            if (bytes.byteLength > 0) return
          }
        } catch {
          release()
          // Erroring (not closing) the body makes the browser see a cut stream, not a finished run.
          controller.error(new Error(timedOut ? 'upstream idle timeout' : 'upstream stream failed'))
        }
      },
      cancel() {
        release()
        upstream.abort()
        return reader.cancel().catch(() => {})
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: maxBufferBytes }),
  )
  return new Response(stream, { status: response.status, headers })
}
