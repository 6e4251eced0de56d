import { describe, expect, test, vi } from 'vitest'
import { createAgentClient, type AgentClientOptions } from './client'
import { AgentRunError } from './errors'
import {
  documentedRun,
  openStream,
  sse,
  startTestServer,
  type TestHandler,
} from '../test/loopback-server'
import type { RunEvent } from './types'

async function serve(handler: TestHandler, options: Partial<AgentClientOptions> = {}) {
  const server = await startTestServer(handler)
  const client = createAgentClient({ endpoint: server.url, ...options })
  return { server, client }
}

async function collect(events: AsyncIterable<RunEvent>) {
  const received: RunEvent[] = []
  try {
    for await (const event of events) received.push(event)
  } catch (error) {
    return { received, error: error as AgentRunError }
  }
  return { received, error: undefined }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('one stream() call is at most one POST', () => {
  const bodies = {
    json: ['application/json', '{"error":{"message":"Nope","code":"denied"}}'],
    html: ['text/html', '<html><body>Bad gateway</body></html>'],
    empty: [undefined, ''],
  } as const
  const cases = [401, 402, 403, 404, 429, 500, 503].flatMap((status) =>
    (['json', 'html', 'empty'] as const).map((body) => [status, body] as const),
  )

  test.concurrent.each(cases)('%i with a %s body is an http error', async (status, kind) => {
    const [type, body] = bodies[kind]
    const { server, client } = await serve((_request, response) => {
      response.writeHead(status, type ? { 'content-type': type, 'retry-after': '7' } : {})
      response.end(body)
    })
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeInstanceOf(AgentRunError)
    expect(error).toMatchObject({ kind: 'http', status })
    if (kind === 'json') {
      expect(error).toMatchObject({ message: 'Nope', code: 'denied', retryAfterMs: 7000 })
      expect(error?.body).toEqual({ error: { message: 'Nope', code: 'denied' } })
    }
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent('a 500 served as text/event-stream is an http error, not a stream', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response, 500)
      response.end(sse(...documentedRun))
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(received).toEqual([])
    expect(error).toMatchObject({ kind: 'http', status: 500 })
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent.each(['text/html', 'application/json'])(
    'a 200 as %s is a protocol error',
    async (type) => {
      const { server, client } = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': type })
        response.end(type === 'text/html' ? '<p>hello</p>' : '{"ok":true}')
      })
      const { error } = await collect(client.stream({ query: 'hi' }))
      expect(error).toMatchObject({ kind: 'protocol' })
      expect(await server.settledPosts()).toBe(1)
    },
  )

  test.concurrent('a connection reset mid-stream is interrupted', async () => {
    const { server, client } = await serve(async (_request, response) => {
      openStream(response)
      response.write(sse(documentedRun[0]!, documentedRun[1]!))
      await wait(50)
      response.socket?.destroy()
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(received.map((event) => event.type)).toEqual(['run_started', 'text_chunk'])
    expect(error).toMatchObject({ kind: 'interrupted' })
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent('a reset before any response is a network error', async () => {
    const { server, client } = await serve((_request, response) => response.socket?.destroy())
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toMatchObject({ kind: 'network' })
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent('a clean close without run_completed is interrupted', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.end(sse(...documentedRun.slice(0, 3)))
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(received).toHaveLength(3)
    expect(error).toMatchObject({ kind: 'interrupted' })
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent(
    'a stall past the idle timeout is a timeout and closes the connection',
    async () => {
      const { server, client } = await serve(
        (_request, response) => {
          openStream(response)
          response.write(sse(documentedRun[0]!))
        },
        { idleTimeoutMs: 300 },
      )
      const { received, error } = await collect(client.stream({ query: 'hi' }))
      expect(received).toHaveLength(1)
      expect(error).toMatchObject({ kind: 'timeout' })
      expect(await server.requests[0]?.closed).toBe(true)
      expect(await server.settledPosts()).toBe(1)
    },
  )

  test.concurrent('a malformed event is reported and skipped', async () => {
    const onProtocolError = vi.fn()
    const { server, client } = await serve(
      (_request, response) => {
        openStream(response)
        response.end(sse(documentedRun[0]!) + 'data: {oops\n\n' + sse(...documentedRun.slice(1)))
      },
      { onProtocolError },
    )
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeUndefined()
    expect(received).toHaveLength(documentedRun.length)
    expect(onProtocolError).toHaveBeenCalledWith({
      kind: 'malformed_event',
      message: 'data is not valid JSON',
      data: '{oops',
    })
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent('a retry: 0 field never causes a retry', async () => {
    const { server, client } = await serve(async (_request, response) => {
      openStream(response)
      response.write('retry: 0\n\n' + sse(documentedRun[0]!))
      await wait(50)
      response.socket?.destroy()
    })
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toMatchObject({ kind: 'interrupted' })
    expect(await server.settledPosts()).toBe(1)
  })

  test.concurrent('a throwing onProtocolError neither ends nor repeats the run', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.end('data: [1]\n\n' + sse(...documentedRun))
    })
    const onProtocolError = () => {
      throw new Error('bug in the app')
    }
    const { received, error } = await collect(client.stream({ query: 'hi' }, { onProtocolError }))
    expect(error).toBeUndefined()
    expect(received).toHaveLength(documentedRun.length)
    expect(consoleError).toHaveBeenCalled()
    expect(await server.settledPosts()).toBe(1)
    consoleError.mockRestore()
  })

  test.concurrent('a throw in the consumer loop closes the connection, once', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.write(sse(documentedRun[0]!, documentedRun[1]!))
    })
    const consume = async () => {
      for await (const event of client.stream({ query: 'hi' })) {
        if (event.type === 'text_chunk') throw new Error('render failed')
      }
    }
    await expect(consume()).rejects.toThrow('render failed')
    expect(await server.requests[0]?.closed).toBe(true)
    expect(await server.settledPosts()).toBe(1)
  })
})

describe('the run ends cleanly', () => {
  test('a full run yields every event, camelCased, and ends after run_completed', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.end(sse(...documentedRun))
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeUndefined()
    expect(received[0]).toEqual({ type: 'run_started', runId: 'run_abc', taskId: 'task_xyz' })
    expect(received.at(-1)).toEqual({
      type: 'run_completed',
      runId: 'run_abc',
      creditsUsed: 6,
      durationMs: 3241,
    })
    expect(server.posts()).toBe(1)
  })

  test('run_completed ends the iterable even if the server keeps the connection open', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.write(sse(...documentedRun))
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeUndefined()
    expect(received).toHaveLength(documentedRun.length)
    expect(await server.requests[0]?.closed).toBe(true)
  })

  test('a run_failed event ends the iterable with its message', async () => {
    const { client } = await serve((_request, response) => {
      openStream(response)
      response.end(
        sse(documentedRun[0]!, { type: 'run_error', error: 'Tool crashed', code: 'E42' }),
      )
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(received).toHaveLength(1)
    expect(error).toMatchObject({ kind: 'run_failed', message: 'Tool crashed', code: 'E42' })
  })

  test('a second run_started with another run id is a protocol error', async () => {
    const { client } = await serve((_request, response) => {
      openStream(response)
      response.end(sse(documentedRun[0]!, { ...documentedRun[0]!, run_id: 'run_other' }))
    })
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toMatchObject({ kind: 'protocol' })
  })

  test('keep-alive comments and empty events are ignored', async () => {
    const onProtocolError = vi.fn()
    const { client } = await serve(
      (_request, response) => {
        openStream(response)
        response.end(': keep-alive\n\n\n\ndata:\n\n' + sse(...documentedRun))
      },
      { onProtocolError },
    )
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeUndefined()
    expect(received.map((event) => event.type)).toEqual(documentedRun.map((event) => event.type))
    expect(onProtocolError).not.toHaveBeenCalled()
  })

  test('unknown event types pass through raw', async () => {
    const { client } = await serve((_request, response) => {
      openStream(response)
      response.end(sse(documentedRun[0]!, { type: 'thinking', text: 'hmm' }, documentedRun[5]!))
    })
    const { received } = await collect(client.stream({ query: 'hi' }))
    expect(received[1]).toEqual({ type: 'unknown', raw: { type: 'thinking', text: 'hmm' } })
  })
})

describe('aborting', () => {
  test('an already-aborted signal sends no POST', async () => {
    const { server, client } = await serve((_request, response) => response.end())
    const controller = new AbortController()
    controller.abort()
    const { error } = await collect(client.stream({ query: 'hi' }, { signal: controller.signal }))
    expect(error).toMatchObject({ kind: 'aborted' })
    expect(await server.settledPosts()).toBe(0)
  })

  test('an abort mid-stream closes the connection and ends with kind aborted', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.write(sse(documentedRun[0]!))
    })
    const controller = new AbortController()
    const consume = collect(client.stream({ query: 'hi' }, { signal: controller.signal }))
    await vi.waitFor(() => expect(server.posts()).toBe(1))
    await wait(50)
    controller.abort()
    const { error } = await consume
    expect(error).toMatchObject({ kind: 'aborted' })
    expect(await server.requests[0]?.closed).toBe(true)
    expect(await server.settledPosts()).toBe(1)
  })

  test('breaking out of the loop closes the connection', async () => {
    const { server, client } = await serve((_request, response) => {
      openStream(response)
      response.write(sse(documentedRun[0]!))
    })
    for await (const event of client.stream({ query: 'hi' })) if (event) break
    expect(await server.requests[0]?.closed).toBe(true)
  })
})

describe('the tab going hidden and visible again', () => {
  let hidden = false
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
  const setHidden = (value: boolean) => {
    hidden = value
    document.dispatchEvent(new Event('visibilitychange'))
  }

  test('does not re-send the POST', async () => {
    let finish = () => {}
    const { server, client } = await serve(async (_request, response) => {
      openStream(response)
      response.write(sse(...documentedRun.slice(0, 2)))
      await new Promise<void>((resolve) => (finish = resolve))
      response.end(sse(...documentedRun.slice(2)))
    })
    const consume = collect(client.stream({ query: 'hi' }))
    await vi.waitFor(() => expect(server.posts()).toBe(1))
    await wait(50)
    setHidden(true)
    await wait(50)
    setHidden(false)
    await wait(200)
    finish()
    const { received, error } = await consume
    expect(error).toBeUndefined()
    expect(received).toHaveLength(documentedRun.length)
    expect(server.posts()).toBe(1)
  })
})

describe('request', () => {
  test('the body is the documented snake_case and headers reach the server', async () => {
    const { server, client } = await serve(
      (_request, response) => {
        openStream(response)
        response.end(sse(...documentedRun))
      },
      { apiKey: 'test_key', agentId: 'agent_xyz', headers: async () => ({ 'X-Trace': 't1' }) },
    )
    await collect(
      client.stream({
        query: 'Open bugs?',
        taskId: 'task_1',
        context: { userId: 'u1', userName: 'Ada', metadata: { plan: 'pro' } },
      }),
    )
    const [request] = server.requests
    expect(JSON.parse(request!.body)).toEqual({
      query: 'Open bugs?',
      task_id: 'task_1',
      stream: true,
      context: { user_id: 'u1', user_name: 'Ada', metadata: { plan: 'pro' } },
    })
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: 'Bearer test_key',
      'x-agent-id': 'agent_xyz',
      'x-trace': 't1',
    })
  })

  test('headers given as a Headers instance reach the server', async () => {
    const { server, client } = await serve(
      (_request, response) => {
        openStream(response)
        response.end(sse(...documentedRun))
      },
      { headers: new Headers({ Authorization: 'Bearer from_headers', 'X-Agent-Id': 'agent_h' }) },
    )
    await collect(client.stream({ query: 'hi' }))
    expect(server.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer from_headers',
      'x-agent-id': 'agent_h',
    })
  })

  test('a header function is called per request; protocol headers win', async () => {
    let calls = 0
    const headers = () => ({ 'x-call': String(++calls), accept: 'text/html' })
    const { server, client } = await serve(
      (_request, response) => {
        openStream(response)
        response.end(sse(...documentedRun))
      },
      { headers },
    )
    await collect(client.stream({ query: 'one' }))
    await collect(client.stream({ query: 'two' }))
    expect(server.requests.map((request) => request.headers['x-call'])).toEqual(['1', '2'])
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream')
  })

  test('a header function that throws is a typed error that names it, and sends nothing', async () => {
    const { server, client } = await serve((_request, response) => response.end(), {
      headers: () => Promise.reject(new Error('token refresh failed')),
    })
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeInstanceOf(AgentRunError)
    expect(error).toMatchObject({
      kind: 'network',
      message: 'The request headers could not be prepared: token refresh failed',
    })
    await expect(client.run({ query: 'hi' })).rejects.toMatchObject({ kind: 'network' })
    expect(await server.settledPosts()).toBe(0)
  })

  test('creating the iterable sends nothing until iteration starts', async () => {
    const { server, client } = await serve((_request, response) => response.end())
    client.stream({ query: 'hi' })
    expect(await server.settledPosts()).toBe(0)
  })
})
