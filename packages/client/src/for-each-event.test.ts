import { expect, test } from 'vitest'
import { createAgentClient } from './client'
import { AgentRunError } from './errors'
import { documentedRun, openStream, sse, startTestServer } from '../test/loopback-server'
import type { RunEvent } from './types'

// forEachEvent is the path under stream(), whose tests cover the transport's failures; these
// cover what is its own: the callback, and the promise's outcome.
async function serveRun(keepOpen: boolean) {
  const server = await startTestServer((_request, response) => {
    openStream(response)
    if (keepOpen) response.write(sse(...documentedRun))
    else response.end(sse(...documentedRun))
  })
  return { server, client: createAgentClient({ endpoint: server.url }) }
}

test('hands every event to onEvent in order and resolves after run_completed', async () => {
  const { server, client } = await serveRun(true)
  const received: RunEvent[] = []
  await expect(
    client.forEachEvent({ query: 'hi' }, (event) => received.push(event)),
  ).resolves.toBeUndefined()
  expect(received.map((event) => event.type)).toEqual(documentedRun.map((event) => event.type))
  expect(received[0]).toEqual({ type: 'run_started', runId: 'run_abc', taskId: 'task_xyz' })
  // The server kept the connection open: run_completed closed it.
  expect(await server.requests[0]?.closed).toBe(true)
  expect(await server.settledPosts()).toBe(1)
})

test('a throw in onEvent rejects with it, closes the connection, and sends nothing more', async () => {
  const { server, client } = await serveRun(true)
  const received: string[] = []
  const outcome = client.forEachEvent({ query: 'hi' }, (event) => {
    received.push(event.type)
    if (event.type === 'text_chunk') throw new Error('render failed')
  })
  await expect(outcome).rejects.toThrow('render failed')
  expect(received).toEqual(['run_started', 'text_chunk'])
  expect(await server.requests[0]?.closed).toBe(true)
  expect(await server.settledPosts()).toBe(1)
})

test('a stream that ends before run_completed rejects as interrupted', async () => {
  const server = await startTestServer((_request, response) => {
    openStream(response)
    response.end(sse(...documentedRun.slice(0, 2)))
  })
  const received: string[] = []
  const outcome = createAgentClient({ endpoint: server.url }).forEachEvent({ query: 'hi' }, (e) =>
    received.push(e.type),
  )
  await expect(outcome).rejects.toBeInstanceOf(AgentRunError)
  await expect(outcome).rejects.toMatchObject({ kind: 'interrupted' })
  expect(received).toEqual(['run_started', 'text_chunk'])
})

test('an already-aborted signal rejects as aborted and sends no POST', async () => {
  const { server, client } = await serveRun(false)
  const outcome = client.forEachEvent({ query: 'hi' }, () => {}, { signal: AbortSignal.abort() })
  await expect(outcome).rejects.toMatchObject({ kind: 'aborted' })
  expect(await server.settledPosts()).toBe(0)
})

test('bytes after run_completed are never handed over, even in the same read', async () => {
  const late = [
    { type: 'text_chunk', content: 'late' },
    { type: 'run_started', run_id: 'run_other', task_id: 't' },
  ]
  const server = await startTestServer((_request, response) => {
    openStream(response)
    response.end(`${sse(...documentedRun, ...late)}data: {"type":\n\n`)
  })
  const received: RunEvent[] = []
  const diagnostics: unknown[] = []
  const client = createAgentClient({ endpoint: server.url })
  await client.forEachEvent({ query: 'hi' }, (event) => received.push(event), {
    onProtocolError: (diagnostic) => diagnostics.push(diagnostic),
  })
  expect(received.map((event) => event.type)).toEqual(documentedRun.map((event) => event.type))
  expect(diagnostics).toEqual([])
  expect(await server.settledPosts()).toBe(1)
})

/** A client whose every response is `body`, handed over in one read. */
function clientOfOneRead(body: string) {
  const fetchOneRead = async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body))
          controller.close()
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    )
  return createAgentClient({ endpoint: '/api/run', fetch: fetchOneRead })
}

test('a malformed payload in a read costs only itself: the rest arrive in order', async () => {
  const [started, firstChunk, , , secondChunk, completed] = documentedRun
  const body = `${sse(started!, firstChunk!)}data: {"type":"text_chunk","content":\n\n${sse(secondChunk!, completed!)}`
  const received: RunEvent[] = []
  const diagnostics: string[] = []
  await clientOfOneRead(body).forEachEvent({ query: 'hi' }, (event) => received.push(event), {
    onProtocolError: (diagnostic) => diagnostics.push(diagnostic.message),
  })
  expect(received.map((event) => event.type)).toEqual([
    'run_started',
    'text_chunk',
    'text_chunk',
    'run_completed',
  ])
  expect(diagnostics).toEqual(['data is not valid JSON'])
})

test('an abort from inside onEvent hands over nothing more, even from the same read', async () => {
  const abort = new AbortController()
  const received: string[] = []
  const outcome = clientOfOneRead(sse(...documentedRun)).forEachEvent(
    { query: 'hi' },
    (event) => {
      received.push(event.type)
      if (event.type === 'text_chunk') abort.abort()
    },
    { signal: abort.signal },
  )
  await expect(outcome).rejects.toMatchObject({ kind: 'aborted' })
  expect(received).toEqual(['run_started', 'text_chunk'])
})
