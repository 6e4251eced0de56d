import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMockAgent } from './mock-agent'
import { githubAnswer } from './scenario-content'
import { postRun, readEvents } from '../test/test-helpers'

afterEach(() => {
  vi.useRealTimers()
})

describe('createMockAgent: JSON mode', () => {
  it('answers stream:false with the documented JSON shape', async () => {
    const response = await createMockAgent()(postRun({ query: 'bugs?', stream: false }))
    expect(response.headers.get('content-type')).toBe('application/json')
    const body = await response.json()
    expect(body).toEqual({
      run_id: expect.stringMatching(/^run_/),
      task_id: expect.stringMatching(/^task_/),
      status: 'completed',
      output: expect.stringContaining(githubAnswer),
      credits_used: 6,
      duration_ms: 3241,
      tool_calls: [
        {
          tool: 'github',
          action: 'list_issues',
          params: { repo: 'acme/web', state: 'open', label: 'P1' },
          result_summary: 'Found 3 items',
        },
      ],
    })
  })

  it('reports a status other than completed when the run did not complete', async () => {
    const agent = createMockAgent()
    const open = await agent(postRun({ query: '/scenario no-completion', stream: false }))
    expect(await open.json()).toMatchObject({ status: 'incomplete' })
    const failed = await agent(postRun({ query: '/scenario run-failed', stream: false }))
    expect(await failed.json()).toMatchObject({
      status: 'failed',
      error: { code: 'agent_step_limit' },
    })
    const broken = await agent(postRun({ query: '/scenario malformed', stream: false }))
    await expect(broken.json()).rejects.toThrow(SyntaxError)
    const reset = await agent(postRun({ query: '/scenario disconnect', stream: false }))
    await expect(reset.text()).rejects.toThrow(TypeError)
  })
})

describe('createMockAgent: HTTP errors', () => {
  const agent = createMockAgent()
  const send = (scenario: string) => agent(postRun({ query: `/scenario ${scenario}` }))

  it('answers 401, 402 and 429 with JSON error bodies', async () => {
    const unauthorized = await send('unauthorized')
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.json()).toMatchObject({ error: { code: 'invalid_api_key' } })
    const broke = await send('out-of-credits')
    expect(broke.status).toBe(402)
    expect(await broke.json()).toEqual({
      error: { code: 'insufficient_credits', message: 'Your account has run out of credits.' },
    })
    const limited = await send('rate-limited')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
  })

  it('answers 500 with an HTML page', async () => {
    const response = await send('server-error')
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('<h1>500 Internal Server Error</h1>')
  })

  it('checks the key and the agent id when configured', async () => {
    const strict = createMockAgent({ apiKey: 'afk_test', agentId: 'agent_xyz' })
    expect((await strict(postRun({ query: 'hi' }))).status).toBe(401)
    const wrongAgent = postRun({ query: 'hi' }, { authorization: 'Bearer afk_test' })
    expect((await strict(wrongAgent)).status).toBe(404)
    const good = postRun(
      { query: 'hi' },
      { authorization: 'Bearer afk_test', 'x-agent-id': 'agent_xyz' },
    )
    expect((await strict(good)).status).toBe(200)
  })

  it('rejects bodies the API would reject', async () => {
    const agent = createMockAgent()
    const bad = (body: string) =>
      agent('http://mock.test/api/run', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      })
    expect((await bad('not json')).status).toBe(400)
    expect((await bad('{"query":""}')).status).toBe(400)
    expect((await bad('{"query":"hi","task_id":7}')).status).toBe(400)
    expect((await agent('http://mock.test/api/run')).status).toBe(405)
  })
})

describe('createMockAgent: fetch-shaped', () => {
  it('accepts (url, init) with a relative URL and counts POSTs', async () => {
    const seen: string[] = []
    const agent = createMockAgent({ onRequest: (request) => seen.push(request.method) })
    const init = { method: 'POST', body: JSON.stringify({ query: 'hi' }) }
    const response = await agent.fetch('/api/run', init)
    expect(response.status).toBe(200)
    await response.text()
    await agent('/api/run', { method: 'GET' })
    expect(agent.requests).toBe(1)
    expect(seen).toEqual(['POST', 'GET'])
  })

  it('accepts a relative URL on a page without an http origin (about:blank)', async () => {
    vi.stubGlobal('location', { href: 'about:blank' })
    try {
      const response = await createMockAgent()('/api/run', {
        method: 'POST',
        body: '{"query":"hi"}',
      })
      expect(response.status).toBe(200)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const agent = createMockAgent()
    const init = { method: 'POST', body: '{"query":"hi"}', signal: AbortSignal.abort() }
    await expect(agent('/api/run', init)).rejects.toMatchObject({ name: 'AbortError' })
    expect(agent.requests).toBe(0)
  })

  it('stops the paced stream on abort and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const agent = createMockAgent({ chunkDelayMs: 50 })
    const init = { method: 'POST', body: '{"query":"hi"}', signal: controller.signal }
    const reader = (await agent('/api/run', init)).body!.getReader()
    const first = reader.read()
    await vi.advanceTimersByTimeAsync(50)
    expect((await first).done).toBe(false)
    const second = reader.read()
    expect(vi.getTimerCount()).toBe(1)
    controller.abort()
    await expect(second).rejects.toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('createMockAgent: what resume tests need', () => {
  it('cuts every streamed run after N events and counts the runs it started', async () => {
    const agent = createMockAgent({ cutAfterEvents: 3 })
    const response = await agent(postRun({ query: 'bugs?' }))
    const reader = response.body!.getReader()
    let text = ''
    const failure = await (async () => {
      for (;;) {
        const read = await reader.read()
        if (read.done) return undefined
        text += new TextDecoder().decode(read.value)
      }
    })().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TypeError)
    expect(text.match(/^data: /gm)).toHaveLength(3)
    await agent(postRun({ query: '/scenario out-of-credits' }))
    expect([agent.requests, agent.runsStarted]).toEqual([2, 1])
  })

  it('leaves a run shorter than the cut whole', async () => {
    const agent = createMockAgent({ cutAfterEvents: 10_000 })
    const events = await readEvents(await agent(postRun({ query: 'bugs?' })))
    expect(events.at(-1)).toMatchObject({ type: 'run_completed' })
  })

  it('streams slow-long slowly, and counts open streams until they end or are cancelled', async () => {
    const agent = createMockAgent({ slowDelayMs: 5 })
    const controller = new AbortController()
    const response = await agent(postRun({ query: '/scenario slow-long' }), {
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    await reader.read()
    expect(agent.openStreams).toBe(1)
    controller.abort()
    await reader.read().catch(() => undefined)
    expect(agent.openStreams).toBe(0)
    await readEvents(await agent(postRun({ query: '/scenario plain' })))
    expect(agent.openStreams).toBe(0)
  })
})
