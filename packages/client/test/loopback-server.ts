import {
  createServer,
  type IncomingHttpHeaders,
  type RequestListener,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'

/** What the server saw of one request. */
export interface RecordedRequest {
  method: string
  headers: IncomingHttpHeaders
  body: string
  /** Resolves when the connection closes; `true` if the client closed it before the response ended. */
  closed: Promise<boolean>
}

export type TestHandler = (request: RecordedRequest, response: ServerResponse) => unknown

/** A real HTTP server on 127.0.0.1, on a free port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  close(): Promise<void>
}

const open = new Set<LoopbackServer>()
// Each test file imports its own copy of this module, so this closes that file's servers when
// its tests are done; a file that must close them sooner (per test, in order) calls `close`.
afterAll(() => Promise.all([...open].map((server) => server.close())))

/** Starts `listener` on 127.0.0.1 on a free port; `close` also ends open connections. */
export async function listen(listener: RequestListener): Promise<LoopbackServer> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const loopback: LoopbackServer = {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        open.delete(loopback)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  open.add(loopback)
  return loopback
}

export interface TestServer {
  url: string
  requests: RecordedRequest[]
  /** Number of POSTs received so far. */
  posts(): number
  /**
   * Waits long enough for an automatic retry to arrive (EventSource-style clients retry after
   * about a second), then reports the POST count.
   */
  settledPosts(): Promise<number>
  close(): Promise<void>
}

/** A real HTTP server on 127.0.0.1 that records every request, for transport tests. */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: RecordedRequest[] = []
  const loopback = await listen(async (incoming, response) => {
    let body = ''
    for await (const chunk of incoming) body += chunk
    const closed = new Promise<boolean>((resolve) =>
      response.once('close', () => resolve(!response.writableEnded)),
    )
    const request = { method: incoming.method ?? '', headers: incoming.headers, body, closed }
    requests.push(request)
    try {
      await handler(request, response)
    } catch {
      response.destroy()
    }
  })
  const posts = () => requests.filter((request) => request.method === 'POST').length
  return {
    url: `${loopback.url}/api/run`,
    requests,
    posts,
    async settledPosts() {
      await new Promise((resolve) => setTimeout(resolve, 1300))
      return posts()
    },
    close: loopback.close,
  }
}

/** Formats events as SSE frames. */
export function sse(...events: object[]): string {
  return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')
}

export const documentedRun = [
  { type: 'run_started', run_id: 'run_abc', task_id: 'task_xyz' },
  { type: 'text_chunk', content: 'Let me check the open bugs...' },
  { type: 'tool_call', tool: 'github', action: 'list_issues', params: { state: 'open' } },
  { type: 'tool_result', tool: 'github', result: { count: 3 } },
  { type: 'text_chunk', content: 'I found 3 open P1 issues:' },
  { type: 'run_completed', run_id: 'run_abc', credits_used: 6, duration_ms: 3241 },
]

/** Starts an SSE response. */
export function openStream(response: ServerResponse, status = 200) {
  response.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  response.flushHeaders()
}
