import { errorResponse, streamingHeaders } from './responses'
import type { RunEntry, RunStore } from './run-store'

const encoder = new TextEncoder()

const notFound = () =>
  errorResponse(404, 'run_not_found', 'No run with this Idempotency-Key (unknown or expired).')
const truncated = () =>
  errorResponse(
    410,
    'run_log_truncated',
    'The run passed the proxy’s size limit and its start is gone: it cannot be replayed whole.',
  )

export { notFound as runNotFound }

/** The `event: auteryn:end` marker that tells a reader the log ended without `run_completed`. */
const endMarker = (reason: string) =>
  encoder.encode(`event: auteryn:end\ndata: ${JSON.stringify({ reason })}\n\n`)

/**
 * Answers one reader of a run from its log: every event after `afterId`, then the live run, then
 * the end. A reader that leaves is just gone: the run goes on (a stop is a `DELETE`).
 */
export async function readRun(
  store: RunStore,
  key: string,
  afterId: number,
  request: Request,
): Promise<Response> {
  const reading = new AbortController()
  const onClientGone = () => reading.abort()
  request.signal.addEventListener('abort', onClientGone, { once: true })
  const entries = store.read(key, afterId, reading.signal)[Symbol.asyncIterator]()
  const close = () => {
    request.signal.removeEventListener('abort', onClientGone)
    reading.abort()
    void entries.return?.()?.catch(() => {})
  }

  let first: IteratorResult<RunEntry>
  try {
    first = await entries.next()
  } catch {
    close()
    return errorResponse(503, 'run_store_failed', 'The run store could not be read.')
  }
  if (first.done === true || first.value.kind === 'end' || first.value.kind === 'event') {
    close()
    return request.signal.aborted ? new Response(null, { status: 499 }) : notFound()
  }
  if (first.value.kind === 'truncated') {
    close()
    return truncated()
  }
  const { head } = first.value
  const headers = new Headers(head.headers)
  headers.set('cache-control', 'no-store')
  if (head.body !== undefined) {
    close()
    return new Response(head.body, { status: head.status, headers })
  }

  streamingHeaders(headers).set('auteryn-resumable', '1')
  let cancelled = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<RunEntry>
      try {
        next = await entries.next()
      } catch {
        close()
        return controller.error(new Error('run store failed'))
      }
      // The browser left while this read waited: the stream is already closed.
      if (cancelled) return
      if (next.done === true) {
        close()
        return controller.close()
      }
      const entry = next.value
      if (entry.kind === 'event') {
        return controller.enqueue(encoder.encode(`id: ${entry.id}\n${entry.lines}\n\n`))
      }
      close()
      if (entry.kind === 'end') {
        if (entry.reason !== 'completed') controller.enqueue(endMarker(entry.reason))
        return controller.close()
      }
      // This reader fell behind the kept window: a cut stream, so its resume meets the 410.
      controller.error(new Error('run log truncated'))
    },
    cancel() {
      cancelled = true
      close()
    },
  })
  return new Response(body, { status: head.status, headers })
}
