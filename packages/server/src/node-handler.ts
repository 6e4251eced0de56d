import { errorBody } from '@auteryn/client/wire'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Anything with the shape of a web-standard handler, e.g. `createRunHandler(…)`. */
export type FetchHandler = (request: Request) => Promise<Response>

/** Connect/Express add `originalUrl`; body parsers (`express.json()`, Next's API routes) add `body`. */
type ConnectRequest = IncomingMessage & { originalUrl?: string; body?: unknown }

const isPlainObject = (value: unknown): value is object => {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * When a body parser mounted earlier has already read the stream, its `'end'` is gone and a
 * stream over it would never close: the body is rebuilt from what the parser left instead.
 * Returns `undefined` when the stream is still there to read.
 */
function bodyLeftByParser(nodeRequest: ConnectRequest): BodyInit | null | undefined {
  const { body } = nodeRequest
  // A parser that skipped the request (Express 4 sets `req.body = {}` first) left the stream
  // unread: only a stream with nothing more to come is taken as consumed.
  const drained = nodeRequest.complete && nodeRequest.readableLength === 0
  if (!nodeRequest.readableEnded && !(drained && body !== undefined)) return undefined
  if (typeof body === 'string') return body
  // A copy: a Buffer may be a view into a pool or a SharedArrayBuffer.
  if (body instanceof Uint8Array) return new Uint8Array(body)
  if (Array.isArray(body) || isPlainObject(body)) return JSON.stringify(body)
  // Read, and nothing usable left: an empty body gets the handler's usual 400, never a hang.
  return null
}

/** The incoming body as a web stream, paused while the handler is not reading. */
function bodyStream(nodeRequest: IncomingMessage): ReadableStream<Uint8Array> {
  // A cancelled stream is closed already: Node's later 'end' or 'error' must not touch it.
  let cancelled = false
  return new ReadableStream<Uint8Array>({
    start(controller) {
      nodeRequest.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk))
        if ((controller.desiredSize ?? 0) <= 0) nodeRequest.pause()
      })
      nodeRequest.once('end', () => cancelled || controller.close())
      nodeRequest.once('error', (error) => cancelled || controller.error(error))
    },
    pull() {
      nodeRequest.resume()
    },
    cancel() {
      cancelled = true
      // Drain the rest unread so the response (e.g. 400 too large) can still be sent.
      nodeRequest.removeAllListeners('data')
      nodeRequest.resume()
    },
  })
}

function toRequest(nodeRequest: ConnectRequest, signal: AbortSignal): Request {
  let url: URL
  try {
    url = new URL(
      nodeRequest.originalUrl ?? nodeRequest.url ?? '/',
      `http://${nodeRequest.headers.host ?? 'localhost'}`,
    )
  } catch {
    url = new URL('http://localhost/')
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(nodeRequest.headers)) {
    if (value === undefined || name.startsWith(':')) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = nodeRequest.method ?? 'GET'
  let body: BodyInit | null = null
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = bodyLeftByParser(nodeRequest)
    if (parsed === undefined) body = bodyStream(nodeRequest)
    else {
      // These described the bytes on the wire, not the parser's (maybe inflated, re-serialised) body.
      for (const name of ['content-length', 'content-encoding', 'transfer-encoding']) {
        headers.delete(name)
      }
      body = parsed
    }
  }
  const init = { method, headers, signal, body, duplex: 'half' }
  return new Request(url, init as RequestInit)
}

function waitForDrain(nodeResponse: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      nodeResponse.off('drain', done)
      nodeResponse.off('close', done)
      resolve()
    }
    nodeResponse.on('drain', done)
    nodeResponse.on('close', done)
  })
}

async function serve(
  handler: FetchHandler,
  nodeRequest: ConnectRequest,
  nodeResponse: ServerResponse,
) {
  const controller = new AbortController()
  // 'close' before the response finished means the browser went away.
  nodeResponse.once('close', () => {
    if (!nodeResponse.writableFinished) controller.abort()
  })
  // The Fetch API refuses to even build a Request with these methods: answered here, not as a 500.
  if (/^(CONNECT|TRACE|TRACK)$/i.test(nodeRequest.method ?? '')) {
    nodeResponse.writeHead(405, { 'content-type': 'application/json', allow: 'POST' })
    nodeResponse.end(errorBody('method_not_allowed', 'Use POST.'))
    nodeRequest.resume()
    return
  }
  const response = await handler(toRequest(nodeRequest, controller.signal))
  nodeResponse.statusCode = response.status
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') nodeResponse.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) nodeResponse.setHeader('set-cookie', cookies)
  if (response.body === null) return void nodeResponse.end()
  nodeResponse.flushHeaders()
  const reader = response.body.getReader()
  controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}))
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (!nodeResponse.write(read.value)) await waitForDrain(nodeResponse)
      if (nodeResponse.destroyed) return
    }
    nodeResponse.end()
  } catch {
    // A body that failed mid-way must reach the browser as a cut, not as a clean end, but only
    // after what was written before the failure: ending the socket (no final chunk) flushes it
    // first, where destroying it would drop the last events.
    const socket = nodeResponse.socket
    if (socket === null) return void nodeResponse.destroy()
    socket.end()
    setTimeout(() => socket.destroy(), 1000).unref()
  }
}

/**
 * Serves a web-standard handler from Node's `http` server, or as Connect/Express/Vite
 * middleware: `server.middlewares.use('/api/run', toNodeHandler(handler))`.
 */
export function toNodeHandler(
  handler: FetchHandler,
): (
  nodeRequest: IncomingMessage,
  nodeResponse: ServerResponse,
  next?: (error?: unknown) => void,
) => void {
  return (nodeRequest, nodeResponse, next) => {
    serve(handler, nodeRequest, nodeResponse).catch((error: unknown) => {
      if (nodeResponse.headersSent) return void nodeResponse.destroy()
      if (next) return next(error)
      nodeResponse.statusCode = 500
      nodeResponse.setHeader('content-type', 'application/json')
      nodeResponse.end(errorBody('handler_failed', 'The handler failed.'))
    })
  }
}
