import {
  documentedRun,
  startTestServer,
  type RecordedRequest,
  type TestServer,
} from './loopback-server'

export interface ResumableServerOptions {
  /** The run's events, as the wire has them. Default: the documented run. */
  events?: readonly object[]
  /** Whether the route says it keeps runs (`Auteryn-Resumable: 1`). Default: true. */
  resumable?: boolean
  /** The `n`-th stream (0: the start) is cut after writing this many events. Default: never. */
  cutAfter?: (stream: number) => number | undefined
  /** After this many events, a start (not a resume) waits until the client leaves. Default: never. */
  holdAfter?: number
  /** Resumes wait at `holdAfter` as well (a run still live for every reader). Default: false. */
  holdResumes?: boolean
  /** A broken route that answers a resume from the first event again. Default: false. */
  ignoreLastEventId?: boolean
  /** Ends the log with `event: auteryn:end` and this reason instead of the remaining events. */
  endReason?: { afterEvents: number; reason: string }
  /** The route has forgotten every run by the time the client re-attaches (404). Default: false. */
  expired?: boolean
  /** Milliseconds between events. Default: 5. */
  pauseMs?: number
  /** The `n`-th stream answers nothing until the client leaves (a stop before the response). */
  holdHeaders?: (stream: number) => boolean
}

export interface ResumableServer extends TestServer {
  /** POSTs without `Last-Event-ID`: each could start a paid run. */
  starts(): RecordedRequest[]
  /** POSTs with `Last-Event-ID`: re-attachments, which never start a run. */
  resumes(): RecordedRequest[]
  deletes(): RecordedRequest[]
  /** Streams open now. */
  open(): number
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A real HTTP server on 127.0.0.1 speaking the kit's resumable-run protocol for one scripted run
 * per key (PROTOCOL.md, "The kit's own route"), with cuts where a test wants them.
 */
export async function startResumableServer(
  options: ResumableServerOptions = {},
): Promise<ResumableServer> {
  const { events = documentedRun, resumable = true, pauseMs = 5 } = options
  const keys = new Set<string>()
  let streams = 0
  let open = 0
  const server = await startTestServer(async (request, response) => {
    const key = String(request.headers['idempotency-key'] ?? '')
    if (request.method === 'DELETE') {
      // A route without resumable runs (`runs: false`) allows POST only.
      if (!resumable) return response.writeHead(405, { allow: 'POST' }).end()
      return response.writeHead(keys.has(key) ? 204 : 404).end()
    }
    const lastEventId = request.headers['last-event-id']
    if (lastEventId !== undefined && (!keys.has(key) || options.expired)) {
      const body = { error: { code: 'run_not_found', message: 'No run with this key' } }
      return response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify(body))
    }
    keys.add(key)
    const stream = streams++
    if (options.holdHeaders?.(stream)) return request.closed
    const from = lastEventId === undefined || options.ignoreLastEventId ? 0 : Number(lastEventId)
    const headers: Record<string, string> = { 'content-type': 'text/event-stream' }
    if (resumable) headers['auteryn-resumable'] = '1'
    response.writeHead(200, headers)
    response.flushHeaders()
    open += 1
    void request.closed.then(() => (open -= 1))
    const cut = options.cutAfter?.(stream)
    for (let index = from; index < events.length; index += 1) {
      if (cut !== undefined && index - from >= cut) return response.destroy()
      if (options.endReason && index >= options.endReason.afterEvents) {
        const reason = JSON.stringify({ reason: options.endReason.reason })
        return response.end(`event: auteryn:end\ndata: ${reason}\n\n`)
      }
      const holds = lastEventId === undefined || options.holdResumes
      if (holds && index === options.holdAfter) return request.closed
      const id = resumable ? `id: ${index + 1}\n` : ''
      response.write(`${id}data: ${JSON.stringify(events[index])}\n\n`)
      await wait(pauseMs)
    }
    response.end()
  })
  const withHeader = (present: boolean) =>
    server.requests.filter(
      (request) => request.method === 'POST' && 'last-event-id' in request.headers === present,
    )
  return {
    ...server,
    starts: () => withHeader(false),
    resumes: () => withHeader(true),
    deletes: () => server.requests.filter((request) => request.method === 'DELETE'),
    open: () => open,
  }
}
