import { describe, expect, test, vi } from 'vitest'
import { createAgentClient } from './client'
import { AgentRunError } from './errors'
import { documentedRun, openStream, sse, startTestServer } from '../test/loopback-server'
import type { RunEvent } from './types'

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('a slow but steady stream that outlasts the idle timeout is not a timeout', async () => {
  // One event every 100 ms for about a second, against a 400 ms idle timeout: only the time
  // since the last byte counts, never the time since the run started.
  const server = await startTestServer(async (_request, response) => {
    openStream(response)
    for (const event of documentedRun.slice(0, -1)) {
      response.write(sse(event))
      await wait(100)
    }
    for (let index = 0; index < 5; index++) {
      response.write(': still working\n\n')
      await wait(100)
    }
    response.end(sse(documentedRun.at(-1)!))
  })
  const client = createAgentClient({ endpoint: server.url, idleTimeoutMs: 400 })
  const received: RunEvent[] = []
  for await (const event of client.stream({ query: 'hi' })) received.push(event)
  expect(received.map((event) => event.type)).toEqual(documentedRun.map((event) => event.type))
  expect(await server.settledPosts()).toBe(1)
})

test('leaving the loop while the headers are still being built sends no POST', async () => {
  const server = await startTestServer((_request, response) => {
    openStream(response)
    response.end(sse(...documentedRun))
  })
  let headersReady = (): void => undefined
  const client = createAgentClient({
    endpoint: server.url,
    headers: () => new Promise((resolve) => (headersReady = () => resolve({}))),
  })
  const iterator = client.stream({ query: 'hi' })[Symbol.asyncIterator]()
  const first = iterator.next()
  expect(await iterator.return?.()).toEqual({ done: true, value: undefined })
  headersReady()
  expect(await first).toEqual({ done: true, value: undefined })
  expect(await iterator.next()).toEqual({ done: true, value: undefined })
  expect(await server.settledPosts()).toBe(0)
})

describe('a fetch that ignores its abort signal (a mock, a test double)', () => {
  // The body sends run_started, then nothing, and never closes; neither part listens to aborts.
  let stalledBodiesCancelled = 0
  const stalled: typeof fetch = async () =>
    new Response(
      new ReadableStream({
        start: (controller) => controller.enqueue(new TextEncoder().encode(sse(documentedRun[0]!))),
        cancel: () => void stalledBodiesCancelled++,
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    )
  const unanswered: typeof fetch = () => new Promise(() => {})

  async function firstEventThenAbort(send: typeof fetch) {
    const controller = new AbortController()
    const client = createAgentClient({ endpoint: 'http://agent.test/run', fetch: send })
    const received: string[] = []
    try {
      for await (const event of client.stream({ query: 'hi' }, { signal: controller.signal })) {
        received.push(event.type)
        controller.abort()
      }
    } catch (error) {
      return { received, error: error as AgentRunError }
    }
    return { received, error: undefined }
  }

  test('an abort mid-stream still ends the loop with kind aborted, and cancels the body', async () => {
    const cancelledBefore = stalledBodiesCancelled
    const { received, error } = await firstEventThenAbort(stalled)
    expect(received).toEqual(['run_started'])
    expect(error).toBeInstanceOf(AgentRunError)
    expect(error?.kind).toBe('aborted')
    // No read stays pending on a body nobody will ever read again.
    await vi.waitFor(() => expect(stalledBodiesCancelled).toBe(cancelledBefore + 1))
  })

  // A 500 whose JSON error body never ends.
  const stalledError: typeof fetch = async () =>
    new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{')) }), {
      status: 500,
      headers: { 'content-type': 'application/json' },
    })

  test.each([
    ['a read that never returns', stalled],
    ['a fetch that never answers', unanswered],
    ['an error body that never ends', stalledError],
  ])('the idle timeout still ends %s', async (_case, fetch) => {
    const client = createAgentClient({ endpoint: 'http://a.test', fetch, idleTimeoutMs: 50 })
    const consume = async () => {
      for await (const event of client.stream({ query: 'hi' })) void event
    }
    await expect(consume()).rejects.toMatchObject({ kind: 'timeout' })
  })

  test('an abort while the response arrives ends the run, though no read was pending yet', async () => {
    const controller = new AbortController()
    // The abort lands after fetch resolved, before the body's reader exists.
    const abortingFetch: typeof fetch = async () => {
      queueMicrotask(() => controller.abort())
      return new Response(new ReadableStream(), {
        headers: { 'content-type': 'text/event-stream' },
      })
    }
    const client = createAgentClient({ endpoint: 'http://a.test', fetch: abortingFetch })
    const outcome = client.forEachEvent({ query: 'hi' }, () => {}, { signal: controller.signal })
    await expect(outcome).rejects.toMatchObject({ kind: 'aborted' })
  })

  test('an abort while a headers function is still pending ends the run and sends nothing', async () => {
    const controller = new AbortController()
    let posts = 0
    let headersReady = (): void => undefined
    const client = createAgentClient({
      endpoint: 'http://a.test',
      fetch: async () => (posts++, new Response('')),
      headers: () => new Promise<HeadersInit>((resolve) => (headersReady = () => resolve({}))),
    })
    const outcome = client.forEachEvent({ query: 'hi' }, () => {}, { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    await expect(outcome).rejects.toMatchObject({ kind: 'aborted' })
    // The token refresh finishes after the abort: still no POST.
    headersReady()
    await wait(20)
    expect(posts).toBe(0)
  })
})
