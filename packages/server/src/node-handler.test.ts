// @vitest-environment node
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gunzipSync, gzipSync } from 'node:zlib'
import { createMockAgent } from '@auteryn/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunHandler, type RunHandlerOptions } from './create-run-handler'
import { toNodeHandler } from './node-handler'
import { listen, within, type TestServer } from '../test/test-servers'

const apiKey = 'afk_live_node_handler_0123456789'
const agentId = 'agent_xyz'
const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

type ParsedRequest = IncomingMessage & { body?: unknown }
/** Connect-style middleware, as a body parser is mounted in front of the proxy. */
type Middleware = (request: ParsedRequest, response: ServerResponse, next: () => void) => void

/** Reads the whole stream first, as `express.json()`, `body-parser` and Next's API routes do. */
const parser =
  (toBody: (bytes: Buffer, request: ParsedRequest) => unknown): Middleware =>
  (request, _response, next) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = toBody(Buffer.concat(chunks), request)
      if (body !== undefined) request.body = body
      next()
    })
  }

const jsonParser = parser((bytes) => JSON.parse(bytes.toString('utf8')) as unknown)
const textParser = parser((bytes) => bytes.toString('utf8'))
const rawParser = parser((bytes) => bytes)
const swallowingParser = parser(() => undefined)

/** Express 4's `body-parser` sets `req.body = {}` and skips a request it does not parse. */
const skippingParser: Middleware = (request, _response, next) => {
  request.body = {}
  next()
}

/** Reads until the request is complete and moves on without waiting for its `'end'` event. */
const eagerParser: Middleware = (request, _response, next) => {
  const chunks: Buffer[] = []
  const onReadable = () => {
    for (
      let chunk = request.read() as Buffer | null;
      chunk;
      chunk = request.read() as Buffer | null
    )
      chunks.push(chunk)
    if (!request.complete || request.readableEnded) return
    request.off('readable', onReadable)
    request.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
    next()
  }
  request.on('readable', onReadable)
}

interface Received {
  authorization: string | null
  agent: string | null
  body: unknown
}

/** The mock agent on a real port, recording what the proxy sent it. */
async function startUpstream() {
  const agent = createMockAgent({ apiKey, agentId })
  const received: Received[] = []
  const upstream = await listen(
    toNodeHandler(async (request) => {
      const body = (await request.clone().json()) as unknown
      const { headers } = request
      received.push({
        authorization: headers.get('authorization'),
        agent: headers.get('x-agent-id'),
        body,
      })
      return agent(request)
    }),
  )
  servers.push(upstream)
  return { agent, received, url: upstream.url }
}

async function startProxy(
  middleware: Middleware | undefined,
  options: Partial<RunHandlerOptions> & { upstream: string },
) {
  const proxy = toNodeHandler(createRunHandler({ apiKey, agentId, ...options }))
  const server = await listen((request, response) =>
    middleware
      ? middleware(request, response, () => proxy(request, response))
      : proxy(request, response),
  )
  servers.push(server)
  return server
}

async function post(url: string, body: BodyInit, headers: Record<string, string> = {}) {
  const sent = fetch(`${url}/api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  }).then(async (response) => ({ status: response.status, text: await response.text() }))
  const answer = await within(sent)
  if (answer === 'timeout') throw new Error('The proxy did not answer: it hangs.')
  return answer
}

/** A browser that tries to claim an identity and send its own credentials. */
const browserBody = JSON.stringify({
  query: 'open bugs?',
  extra: 'dropped',
  context: { user_id: 'admin', metadata: { plan: 'pro' } },
})
const forwarded: Received = {
  authorization: `Bearer ${apiKey}`,
  agent: agentId,
  body: { query: 'open bugs?', stream: true, context: { metadata: { plan: 'pro' } } },
}

describe('toNodeHandler after a body parser', () => {
  it.each([
    ['a JSON parser', jsonParser],
    ['a text parser', textParser],
    ['a raw Buffer parser', rawParser],
    ['a parser that moves on before the end event', eagerParser],
    ['no parser', undefined],
    ['a parser that skipped the request (req.body = {})', skippingParser],
  ])('runs the documented request after %s', async (_name, middleware) => {
    const upstream = await startUpstream()
    const proxy = await startProxy(middleware, { upstream: upstream.url })
    const answer = await post(proxy.url, browserBody, { authorization: 'Bearer stolen' })
    expect(answer.status).toBe(200)
    expect(answer.text).toContain('"type":"run_completed"')
    expect(upstream.received).toEqual([forwarded])
  })

  it('answers 400 at once when a parser consumed the body and left nothing', async () => {
    const upstream = await startUpstream()
    const proxy = await startProxy(swallowingParser, { upstream: upstream.url })
    const answer = await post(proxy.url, browserBody)
    expect({ status: answer.status, body: JSON.parse(answer.text) as unknown }).toEqual({
      status: 400,
      body: { error: { code: 'empty_body', message: expect.any(String) } },
    })
    expect(upstream.agent.requests).toBe(0)
  })

  it('still applies the content type check and the size cap to a parsed body', async () => {
    const upstream = await startUpstream()
    const proxy = await startProxy(jsonParser, { upstream: upstream.url, maxBodyBytes: 1024 })
    const tooLarge = await post(proxy.url, JSON.stringify({ query: 'x'.repeat(2000) }))
    expect(JSON.parse(tooLarge.text)).toMatchObject({ error: { code: 'body_too_large' } })
    const form = await post(proxy.url, browserBody, { 'content-type': 'text/plain' })
    expect(form.status).toBe(415)
    expect(upstream.agent.requests).toBe(0)
  })

  it('drops the wire length and encoding once a parser has inflated the body', async () => {
    const upstream = await startUpstream()
    const seen: Array<[string | null, string | null]> = []
    const inflatingParser = parser((bytes) => JSON.parse(gunzipSync(bytes).toString('utf8')))
    const proxy = await startProxy(inflatingParser, {
      upstream: upstream.url,
      resolveContext: (request) => {
        seen.push([request.headers.get('content-length'), request.headers.get('content-encoding')])
        return undefined
      },
    })
    const answer = await post(proxy.url, gzipSync(browserBody), { 'content-encoding': 'gzip' })
    expect(answer.status).toBe(200)
    expect(seen).toEqual([[null, null]])
    expect(upstream.received).toEqual([forwarded])
  })
})
