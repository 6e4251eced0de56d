import type { IncomingMessage, ServerResponse } from 'node:http'

/** Anything with the shape of a web-standard handler, e.g. `createRunHandler(…)`. */
export type FetchHandler = (request: Request) => Promise<Response>

type ConnectRequest = IncomingMessage & { originalUrl?: string }

/** The incoming body as a web stream, paused while the handler is not reading. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk))
        if ((controller.desiredSize ?? 0) <= 0) req.pause()
      })
      req.once('end', () => controller.close())
      req.once('error', (error) => controller.error(error))
    },
    pull() {
      req.resume()
    },
    cancel() {
      // Drain the rest unread so the response (e.g. 400 too large) can still be sent.
      req.removeAllListeners('data')
      req.resume()
    },
  })
}

function toRequest(req: ConnectRequest, signal: AbortSignal): Request {
  let url: URL
  try {
    url = new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
  } catch {
    url = new URL('http://localhost/')
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init = { method, headers, signal, body: hasBody ? bodyStream(req) : null, duplex: 'half' }
  return new Request(url, init as RequestInit)
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

async function serve(handler: FetchHandler, req: ConnectRequest, res: ServerResponse) {
  const controller = new AbortController()
  // 'close' before the response finished means the browser went away.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const response = await handler(toRequest(req, controller.signal))
  res.statusCode = response.status
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  if (response.body === null) return void res.end()
  res.flushHeaders()
  const reader = response.body.getReader()
  controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}))
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (!res.write(read.value)) await waitForDrain(res)
      if (res.destroyed) return
    }
    res.end()
  } catch {
    // A body that failed mid-way must reach the browser as a reset, not as a clean end.
    res.destroy()
  }
}

/**
 * Serves a web-standard handler from Node's `http` server, or as Connect/Express/Vite
 * middleware: `server.middlewares.use('/api/run', toNodeHandler(handler))`.
 */
export function toNodeHandler(
  handler: FetchHandler,
): (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void {
  return (req, res, next) => {
    serve(handler, req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy()
      if (next) return next(error)
      res.statusCode = 500
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ error: { code: 'handler_failed', message: 'The handler failed.' } }))
    })
  }
}
