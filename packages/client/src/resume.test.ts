import { afterEach, describe, expect, test, vi } from 'vitest'
import { createAgentClient } from './client'
import { createRunKey, type RunAttachment } from './resume'
import { startResumableServer, type ResumableServerOptions } from '../test/resumable-server'
import { startTestServer, type TestServer } from '../test/loopback-server'
import type { RunEvent } from './types'

vi.setConfig({ testTimeout: 20_000 })
const eventually = { timeout: 10_000 }

const servers: TestServer[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(options: ResumableServerOptions) {
  const server = await startResumableServer(options)
  servers.push(server)
  return server
}

/** Runs one resumable stream; settles with its events and how it ended. */
async function run(url: string, attach: Partial<RunAttachment> = {}) {
  const events: RunEvent['type'][] = []
  const reconnects: number[] = []
  const client = createAgentClient({ endpoint: url })
  const outcome = await client
    .forEachEvent({ query: 'open bugs?' }, (event) => events.push(event.type), {
      attach: {
        key: createRunKey(),
        retryDelaysMs: [10, 10, 10],
        onReconnecting: (attempt) => reconnects.push(attempt),
        ...attach,
      },
    })
    .then(
      () => 'completed',
      (error: { kind: string; status?: number }) => error,
    )
  return { events, reconnects, outcome }
}

describe('re-attachment, at the client', () => {
  test('run keys are 128 random bits, URL-safe, never repeated', () => {
    const keys = Array.from({ length: 1000 }, createRunKey)
    expect(new Set(keys).size).toBe(1000)
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  test('attempts are bounded: a route that cuts every stream is given up on', async () => {
    const server = await serve({ cutAfter: (stream) => (stream === 0 ? 2 : 0) })
    const { reconnects, outcome } = await run(server.url)
    expect(outcome).toMatchObject({ kind: 'interrupted' })
    expect(reconnects).toEqual([1, 2, 3])
    expect(await server.settledPosts()).toBe(4)
    expect(server.starts()).toHaveLength(1)
  })

  test('attempts count one outage: progress between cuts starts the count again', async () => {
    // Every stream brings one more event, then is cut: five cuts, never two in a row without one.
    const server = await serve({ cutAfter: () => 1 })
    const { events, reconnects, outcome } = await run(server.url)
    expect(outcome).toBe('completed')
    expect(events.at(-1)).toBe('run_completed')
    expect(reconnects).toEqual([1, 1, 1, 1, 1])
  })

  test('an HTTP error answering a re-attachment ends the run: never retried', async () => {
    let posts = 0
    const server = await startTestServer(async (request, response) => {
      posts += 1
      if (posts > 1) {
        return response.writeHead(503, { 'content-type': 'application/json' }).end('{}')
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'auteryn-resumable': '1' })
      response.write('id: 1\ndata: {"type":"run_started","run_id":"r","task_id":"t"}\n\n')
      setTimeout(() => response.destroy(), 20)
    })
    servers.push(server)
    const { reconnects, outcome } = await run(server.url)
    expect(outcome).toMatchObject({ kind: 'http', status: 503 })
    expect(reconnects).toEqual([1])
    expect(await server.settledPosts()).toBe(2)
  })

  test('offline, it waits for the online event instead of spending attempts', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const server = await serve({ cutAfter: (stream) => (stream === 0 ? 2 : undefined) })
    const running = run(server.url, { retryDelaysMs: [10] })
    await vi.waitFor(() => expect(server.starts()).toHaveLength(1), eventually)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.resumes()).toHaveLength(0)
    online.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    const { outcome } = await running
    expect(outcome).toBe('completed')
    expect(server.resumes()).toHaveLength(1)
  })

  test('an abort while waiting to re-attach ends at once as aborted, with no POST', async () => {
    const server = await serve({ cutAfter: (stream) => (stream === 0 ? 2 : undefined) })
    const abort = new AbortController()
    const client = createAgentClient({ endpoint: server.url })
    const outcome = client.forEachEvent({ query: 'open bugs?' }, () => {}, {
      signal: abort.signal,
      attach: { key: createRunKey(), retryDelaysMs: [5000], onReconnecting: () => abort.abort() },
    })
    await expect(outcome).rejects.toMatchObject({ kind: 'aborted' })
    expect(await server.settledPosts()).toBe(1)
  })
})
