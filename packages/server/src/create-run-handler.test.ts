// @vitest-environment node
import type { IncomingHttpHeaders } from 'node:http'
import { createMockAgent } from '@auteryn/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createRunHandler, type RunHandlerOptions } from './create-run-handler'
import { toNodeHandler } from './node-handler'
import { listen, within, type TestServer } from '../test/test-servers'

const apiKey = 'afk_live_9f8e7d6c5b4a39281706'
const agentId = 'agent_xyz'
const servers: TestServer[] = []
/** Every response body and header the browser side saw, scanned for the key at the end. */
const seenByBrowser: string[] = []
const consoleLines: unknown[][] = []

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args) => void consoleLines.push(args))
  }
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(() => {
  vi.restoreAllMocks()
})

async function startProxy(options: Partial<RunHandlerOptions> & { upstream: string }) {
  const proxy = await listen(toNodeHandler(createRunHandler({ apiKey, agentId, ...options })))
  servers.push(proxy)
  return proxy
}

async function startMock() {
  const agent = createMockAgent({ apiKey, agentId })
  const upstream = await listen(toNodeHandler(agent))
  servers.push(upstream)
  return { agent, upstream }
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  seenByBrowser.push(text, JSON.stringify([...response.headers]))
  return { response, text }
}

describe('createRunHandler in front of the mock agent', () => {
  it('adds the key and agent id, and streams the run back with SSE headers', async () => {
    const { agent, upstream } = await startMock()
    const proxy = await startProxy({ upstream: upstream.url })
    const { response, text } = await post(proxy.url, { query: 'open bugs?' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(text).toContain('"type":"run_completed"')
    expect(agent.requests).toBe(1)
  })

  it('passes HTTP errors on with their status, content type and Retry-After', async () => {
    const { upstream } = await startMock()
    const proxy = await startProxy({ upstream: upstream.url })
    const limited = await post(proxy.url, { query: '/scenario rate-limited' })
    expect(limited.response.status).toBe(429)
    expect(limited.response.headers.get('retry-after')).toBe('2')
    expect(JSON.parse(limited.text)).toMatchObject({ error: { code: 'rate_limited' } })
    const crashed = await post(proxy.url, { query: '/scenario server-error' })
    expect(crashed.response.status).toBe(500)
    expect(crashed.response.headers.get('content-type')).toMatch(/^text\/html/)
  })

  it('cuts the browser connection when the upstream resets mid-stream', async () => {
    const { upstream } = await startMock()
    const proxy = await startProxy({ upstream: upstream.url })
    const response = await fetch(`${proxy.url}/api/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '/scenario disconnect' }),
    })
    await expect(response.text()).rejects.toThrow(TypeError)
  })

  it('refuses bad requests before any upstream POST', async () => {
    const { agent, upstream } = await startMock()
    const proxy = await startProxy({ upstream: upstream.url, maxBodyBytes: 1024 })
    const cases: Array<[unknown, string]> = [
      ['{not json', 'invalid_json'],
      ['', 'empty_body'],
      [[1, 2], 'invalid_body'],
      [{}, 'invalid_query'],
      [{ query: '   ' }, 'invalid_query'],
      [{ query: 5 }, 'invalid_query'],
      [{ query: 'hi', task_id: 7 }, 'invalid_task_id'],
      [{ query: 'hi', stream: 'yes' }, 'invalid_stream'],
      [{ query: 'hi', context: 'me' }, 'invalid_context'],
      [{ query: 'hi', context: { metadata: [1] } }, 'invalid_context'],
      [{ query: 'x'.repeat(2000) }, 'body_too_large'],
    ]
    for (const [body, code] of cases) {
      const { response, text } = await post(proxy.url, body)
      expect({ status: response.status, body: JSON.parse(text) }).toEqual({
        status: 400,
        body: { error: { code, message: expect.any(String) } },
      })
    }
    const plain = await post(proxy.url, 'hi', { 'content-type': 'text/plain' })
    expect(plain.response.status).toBe(415)
    const get = await fetch(`${proxy.url}/api/run`)
    seenByBrowser.push(await get.text())
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST, DELETE')
    expect(agent.requests).toBe(0)
  })

  it('answers 502 when the upstream is unreachable', async () => {
    const gone = await listen(() => {})
    await gone.close()
    const proxy = await startProxy({ upstream: gone.url })
    const { response, text } = await post(proxy.url, { query: 'hi' })
    expect(response.status).toBe(502)
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_unreachable' } })
  })

  it('answers 504 when the upstream sends nothing', async () => {
    const silent = await listen(() => {})
    servers.push(silent)
    const proxy = await startProxy({ upstream: silent.url, idleTimeoutMs: 100 })
    const { response, text } = await post(proxy.url, { query: 'hi' })
    expect(response.status).toBe(504)
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_timeout' } })
  })
})

describe('createRunHandler in front of a hostile upstream', () => {
  let received: { headers: IncomingHttpHeaders; body: string }[] = []
  async function startEcho(status = 200) {
    received = []
    const echo = await listen((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(status, {
          'content-type': 'application/json',
          'set-cookie': 'upstream_session=1',
          'x-internal-trace': 'secret-topology',
        })
        // Echoes what it was sent, key included, split so the key straddles two chunks.
        const echoed = JSON.stringify({ headers: req.headers })
        const middle = echoed.indexOf(apiKey) + 6
        res.write(echoed.slice(0, middle))
        setTimeout(() => res.end(echoed.slice(middle)), 20)
      })
    })
    servers.push(echo)
    return echo
  }

  it('strips browser credentials, sends its own, and forwards a clean body', async () => {
    const echo = await startEcho()
    const proxy = await startProxy({
      upstream: echo.url,
      resolveContext: () => ({ user_id: 'user_42', user_name: 'Ana' }),
    })
    const { response, text } = await post(
      proxy.url,
      {
        query: 'hi',
        task_id: 'task_1',
        extra: 'dropped',
        context: { user_id: 'admin', user_name: 'Mallory', metadata: { plan: 'pro' } },
      },
      { authorization: 'Bearer stolen', cookie: 'session=abc', 'x-agent-id': 'agent_evil' },
    )
    const [{ headers, body }] = received as [(typeof received)[0]]
    expect(headers.authorization).toBe(`Bearer ${apiKey}`)
    expect(headers['x-agent-id']).toBe(agentId)
    expect(headers.cookie).toBeUndefined()
    expect(headers.accept).toBe('text/event-stream')
    expect(JSON.parse(body)).toEqual({
      query: 'hi',
      task_id: 'task_1',
      stream: true,
      context: { user_id: 'user_42', user_name: 'Ana', metadata: { plan: 'pro' } },
    })
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('x-internal-trace')).toBeNull()
    expect(JSON.parse(text).headers.authorization).toBe('Bearer [redacted]')
  })

  it('drops a browser-sent identity when no context is resolved', async () => {
    const echo = await startEcho()
    const proxy = await startProxy({ upstream: echo.url })
    await post(proxy.url, { query: 'hi', stream: false, context: { user_id: 'admin' } })
    expect(JSON.parse(received[0]!.body)).toEqual({ query: 'hi', stream: false })
    expect(received[0]!.headers.accept).toBe('application/json')
  })

  it('lets resolveContext refuse the request without any upstream call', async () => {
    const echo = await startEcho()
    const proxy = await startProxy({
      upstream: echo.url,
      resolveContext: () => new Response('sign in first', { status: 401 }),
    })
    const { response, text } = await post(proxy.url, { query: 'hi' })
    expect([response.status, text]).toEqual([401, 'sign in first'])
    expect(received).toEqual([])
  })

  it('redacts the key from an upstream error body that echoes it', async () => {
    const echo = await startEcho(401)
    const proxy = await startProxy({ upstream: echo.url })
    const { response, text } = await post(proxy.url, { query: 'hi' })
    expect(response.status).toBe(401)
    expect(text).toContain('[redacted]')
  })
})

/**
 * An upstream that starts a run and then stays silent until told to finish; `closed` resolves
 * once the proxy has closed the upstream connection. With `answer: false` it never answers at all.
 */
async function startStalledUpstream({ answer = true } = {}) {
  let finish = () => {}
  let arrived = () => {}
  let closed: Promise<string> = new Promise(() => {})
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve))
  const upstream = await listen((_req, res) => {
    closed = new Promise((resolve) => res.once('close', () => resolve('closed')))
    finish = () => res.end()
    arrived()
    if (!answer) return
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write('data: {"type":"run_started","run_id":"run_1","task_id":"task_1"}\n\n')
  })
  servers.push(upstream)
  return { url: upstream.url, requestArrived, closed: () => closed, finish: () => finish() }
}

/** A browser's POST to the proxy, answered with its body still unread. */
function open(url: string, signal?: AbortSignal) {
  return fetch(`${url}/api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"hi"}',
    signal,
  })
}

describe('createRunHandler streaming', () => {
  it('delivers the first event before the upstream has finished', async () => {
    const upstream = await startStalledUpstream()
    const proxy = await startProxy({ upstream: upstream.url })
    const reader = (await open(proxy.url)).body!.getReader()
    const first = await within(reader.read())
    expect(first === 'timeout' ? 'timeout' : new TextDecoder().decode(first.value)).toContain(
      'run_started',
    )
    upstream.finish()
    await reader.cancel()
  })

  it('cuts the stream (not a clean end) when the upstream goes silent mid-run', async () => {
    const upstream = await startStalledUpstream()
    const proxy = await startProxy({ upstream: upstream.url, idleTimeoutMs: 100 })
    const response = await open(proxy.url)
    await expect(response.text()).rejects.toThrow(TypeError)
    expect(await within(upstream.closed())).toBe('closed')
  })

  it('aborts the upstream request when the browser disconnects', async () => {
    const upstream = await startStalledUpstream()
    const proxy = await startProxy({ upstream: upstream.url })
    const browser = new AbortController()
    const response = await open(proxy.url, browser.signal)
    await response.body!.getReader().read()
    browser.abort()
    expect(await within(upstream.closed())).toBe('closed')
  })

  it('aborts the upstream request when the browser leaves before the upstream answered', async () => {
    const upstream = await startStalledUpstream({ answer: false })
    const proxy = await startProxy({ upstream: upstream.url })
    const browser = new AbortController()
    const pending = open(proxy.url, browser.signal)
    await upstream.requestArrived
    browser.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(await within(upstream.closed())).toBe('closed')
  })

  it('aborts the upstream request when the response body is cancelled', async () => {
    const upstream = await startStalledUpstream()
    // Called directly, as a route handler would be: the runtime cancels the body, no signal fires.
    const handler = createRunHandler({ apiKey, agentId, upstream: upstream.url })
    const response = await handler(
      new Request('http://app.test/api/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"hi"}',
      }),
    )
    const reader = response.body!.getReader()
    await reader.read()
    await reader.cancel()
    expect(await within(upstream.closed())).toBe('closed')
  })
})

describe('the key', () => {
  it('never reaches the browser or the console', () => {
    expect(seenByBrowser.length).toBeGreaterThan(20)
    expect(seenByBrowser.filter((text) => text.includes(apiKey))).toEqual([])
    expect(consoleLines.filter((line) => JSON.stringify(line).includes(apiKey))).toEqual([])
  })
})

describe('a body without Content-Length', () => {
  it('stops reading at the cap and answers 400 body_too_large', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 100) return controller.close()
        controller.enqueue(new TextEncoder().encode(`{"query":"${'x'.repeat(1000)}`))
      },
    })
    const handler = createRunHandler({
      apiKey,
      agentId,
      maxBodyBytes: 4096,
      fetch: () => {
        throw new Error('must not be called')
      },
    })
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    }
    const response = await handler(new Request('http://app.test/api/run', init as RequestInit))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'body_too_large' } })
    expect(pulled).toBeLessThan(10)
  })
})

describe('a missing key', () => {
  it('answers 500 with a clear code instead of failing at import time', async () => {
    const handler = createRunHandler({ apiKey: process.env.NOT_SET_KEY as string, agentId })
    const response = await handler(new Request('http://app.test/api/run', { method: 'POST' }))
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ error: { code: 'proxy_misconfigured' } })
  })
})
