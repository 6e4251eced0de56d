import { afterAll, describe, expect, test, vi } from 'vitest'
import { createAgentClient } from './client'
import { parseRetryAfter } from './response-error'
import { startTestServer, type TestHandler, type TestServer } from '../test/loopback-server'
import { documentedResult, documentedWireResult } from './__fixtures__/documented-result'

const servers: TestServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

async function serve(handler: TestHandler) {
  const server = await startTestServer(handler)
  servers.push(server)
  return { server, client: createAgentClient({ endpoint: server.url, agentId: 'agent_xyz' }) }
}

function json(status: number, body: unknown, type = 'application/json'): TestHandler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': type })
    response.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
}

describe('client.run (JSON mode)', () => {
  test('sends stream: false and resolves the camelCase result', async () => {
    const { server, client } = await serve(json(200, documentedWireResult))
    const result = await client.run({ query: 'Open bugs?', taskId: 'task_1' })
    expect(result).toEqual(documentedResult)
    const [request] = server.requests
    expect(JSON.parse(request!.body)).toEqual({
      query: 'Open bugs?',
      task_id: 'task_1',
      stream: false,
    })
    expect(request!.headers).toMatchObject({
      accept: 'application/json',
      'x-agent-id': 'agent_xyz',
    })
  })

  test('a status other than completed is a failed run', async () => {
    const { client } = await serve(json(200, { ...documentedWireResult, status: 'failed' }))
    await expect(client.run({ query: 'q' })).rejects.toMatchObject({ kind: 'run_failed' })
  })

  test('a non-2xx response is an http error with its body', async () => {
    const { server, client } = await serve(json(402, { error: 'Out of credits' }))
    await expect(client.run({ query: 'q' })).rejects.toMatchObject({
      kind: 'http',
      status: 402,
      message: 'Out of credits',
      body: { error: 'Out of credits' },
    })
    expect(await server.settledPosts()).toBe(1)
  })

  test.each([
    ['HTML', '<html></html>', 'text/html'],
    ['broken JSON', '{"run_id":', 'application/json'],
  ])('%s is a protocol error', async (_name, body, type) => {
    const { client } = await serve(json(200, body, type))
    await expect(client.run({ query: 'q' })).rejects.toMatchObject({ kind: 'protocol' })
  })

  test('an unreachable server is a network error', async () => {
    const client = createAgentClient({ endpoint: 'http://127.0.0.1:1/api/run' })
    await expect(client.run({ query: 'q' })).rejects.toMatchObject({ kind: 'network' })
  })

  test('an already-aborted signal sends nothing', async () => {
    const { server, client } = await serve(json(200, documentedWireResult))
    const controller = new AbortController()
    controller.abort()
    await expect(client.run({ query: 'q' }, { signal: controller.signal })).rejects.toMatchObject({
      kind: 'aborted',
    })
    expect(server.posts()).toBe(0)
  })

  test('an abort while waiting is kind aborted', async () => {
    const { server, client } = await serve(() => {}) // never answers
    const controller = new AbortController()
    const running = client.run({ query: 'q' }, { signal: controller.signal })
    await vi.waitFor(() => expect(server.posts()).toBe(1))
    controller.abort()
    await expect(running).rejects.toMatchObject({ kind: 'aborted' })
    expect(await server.requests[0]!.closed).toBe(true)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  test.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [null, undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})

describe('createAgentClient', () => {
  test('warns once per page when an afk_ account key is put in browser code', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    createAgentClient({ endpoint: '/api/run', apiKey: 'test_key' })
    expect(warn).not.toHaveBeenCalled()
    createAgentClient({ endpoint: '/api/run', apiKey: 'afk_secret' })
    createAgentClient({ endpoint: '/api/run', apiKey: 'afk_other' })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('@auteryn/server')
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('afk_secret')
    warn.mockRestore()
  })

  test('a request without a non-empty query is a clear error, before any POST', async () => {
    const { server, client } = await serve(json(200, documentedWireResult))
    await expect(client.run({ query: 42 as unknown as string })).rejects.toThrow(
      'request: `query` must be a non-empty string.',
    )
    await expect(client.forEachEvent({ query: ' ' }, () => {})).rejects.toThrow(TypeError)
    expect(server.posts()).toBe(0)
  })
})
