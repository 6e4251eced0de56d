// @vitest-environment node
import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunHandler } from './create-run-handler'
import { toNodeHandler } from './node-handler'
import { apiKey, agentId, newKey, parseBlocks } from '../test/resumable-test-helpers'
import { listen, within, type TestServer } from '../test/test-servers'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
async function serve(listener: Parameters<typeof listen>[0]) {
  const server = await listen(listener)
  servers.push(server)
  return server
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const runRequest = (body: string | ReadableStream<Uint8Array>, headers = {}) =>
  new Request('http://app.test/api/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)

/** An upstream that sends `count` events, one every `everyMs`, then completes. */
async function tricklingUpstream(count: number, everyMs: number) {
  return serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    let sent = 0
    const timer = setInterval(() => {
      if (sent++ < count)
        return void res.write(`data: {"type":"text_chunk","content":"${sent}"}\n\n`)
      clearInterval(timer)
      res.end('data: {"type":"run_completed","run_id":"r","credits_used":1,"duration_ms":1}\n\n')
    }, everyMs)
    res.once('close', () => clearInterval(timer))
  })
}

describe('a browser that stops reading', () => {
  for (const [mode, headers] of [
    ['not resumable', {}],
    ['resumable', { 'idempotency-key': newKey() }],
  ] as const) {
    it(`is not taken for upstream silence (${mode})`, async () => {
      const upstream = await tricklingUpstream(12, 40)
      const handler = createRunHandler({
        apiKey,
        agentId,
        upstream: upstream.url,
        idleTimeoutMs: 150,
      })
      const response = await handler(runRequest('{"query":"hi"}', headers))
      // The browser reads nothing for far longer than the idle timeout, then everything.
      await sleep(800)
      const events = parseBlocks(await response.text())
      expect(events).toHaveLength(13)
      expect(events.at(-1)!.data).toContain('run_completed')
    })
  }
})

describe('request edges', () => {
  it('answers a body that does not arrive in time 408 body_timeout', async () => {
    const handler = createRunHandler({
      apiKey,
      agentId,
      bodyTimeoutMs: 100,
      fetch: () => Promise.reject(new Error('must not be called')),
    })
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":'))
      },
    })
    const response = await within(handler(runRequest(trickle)), 2000)
    expect(response === 'timeout' ? 'timeout' : response.status).toBe(408)
    if (response !== 'timeout') {
      expect(await response.json()).toMatchObject({ error: { code: 'body_timeout' } })
    }
  })

  it('answers context nested too deeply 400 invalid_context, not a false 502', async () => {
    let calls = 0
    const handler = createRunHandler({
      apiKey,
      agentId,
      maxBodyBytes: 1024 * 1024,
      fetch: async () => {
        calls++
        return new Response('{}', { headers: { 'content-type': 'application/json' } })
      },
    })
    const deep = `{"query":"hi","context":{"metadata":{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}}}`
    const response = await handler(runRequest(deep))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_context' } })
    expect(calls).toBe(0)
  })

  it('answers TRACE and CONNECT-like methods 405 through the Node adapter, not 500', async () => {
    const handler = createRunHandler({ apiKey, agentId, fetch: () => Promise.reject(new Error()) })
    const proxy = await serve(toNodeHandler(handler))
    for (const method of ['TRACE', 'PROPFIND', 'PATCH']) {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const request = httpRequest(`${proxy.url}/api/run`, { method }, (response) => {
          response.resume()
          resolve(response.statusCode)
        })
        request.on('error', reject)
        request.end()
      })
      expect(status).toBe(405)
    }
  })
})

describe('upstream redirects', () => {
  for (const [mode, headers] of [
    ['not resumable', {}],
    ['resumable', { 'idempotency-key': newKey() }],
  ] as const) {
    it(`are not followed: 502 upstream_redirect, nothing sent on (${mode})`, async () => {
      let followed = 0
      const elsewhere = await serve((_req, res) => {
        followed++
        res.end('{}')
      })
      const redirecting = await serve((_req, res) => {
        res.writeHead(307, { location: `${elsewhere.url}/api/run` }).end()
      })
      const handler = createRunHandler({ apiKey, agentId, upstream: redirecting.url })
      const response = await handler(runRequest('{"query":"hi"}', headers))
      expect(response.status).toBe(502)
      expect(await response.json()).toMatchObject({ error: { code: 'upstream_redirect' } })
      expect(followed).toBe(0)
    })
  }
})

describe('the key in forwarded headers and split over events', () => {
  it('is redacted from Content-Type and Retry-After', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(429, {
        'content-type': `application/json; note=${apiKey}`,
        'retry-after': btoa(`Bearer ${apiKey}`),
      })
      res.end('{}')
    })
    for (const headers of [{}, { 'idempotency-key': newKey() }]) {
      const handler = createRunHandler({ apiKey, agentId, upstream: upstream.url })
      const response = await handler(runRequest('{"query":"hi"}', headers))
      expect(response.status).toBe(429)
      expect(response.headers.get('content-type')).toBe('application/json; note=[redacted]')
      expect(response.headers.get('retry-after')).toContain('[redacted]')
    }
  })
})
