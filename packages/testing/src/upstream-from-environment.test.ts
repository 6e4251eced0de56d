import { afterEach, describe, expect, it, vi } from 'vitest'
import { readEvents } from '../test/test-helpers'
import { upstreamFromEnvironment } from './upstream-from-environment'

const run = (upstream: ReturnType<typeof upstreamFromEnvironment>, query = 'hello') =>
  upstream.fetch('https://api.example.test/api/run', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${upstream.apiKey}`,
      'x-agent-id': upstream.agentId,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ query, stream: true }),
  })

afterEach(() => vi.unstubAllGlobals())

describe('upstreamFromEnvironment', () => {
  it('answers with the in-process mock agent when AUTERYN_UPSTREAM is unset, even with a key', async () => {
    const upstream = upstreamFromEnvironment(
      { AUTERYN_API_KEY: 'afk_real', AUTERYN_AGENT_ID: 'agent_real', AUTERYN_UPSTREAM: '  ' },
      { chunkDelayMs: 0 },
    )
    expect(upstream.upstream).toBeUndefined()
    expect(upstream.apiKey).not.toBe('afk_real')
    const response = await run(upstream)
    expect(response.status).toBe(200)
    const events = await readEvents(response)
    expect(events.at(-1)).toMatchObject({ type: 'run_completed' })
    expect(upstream.mock?.requests).toBe(1)
  })

  it('gives the mock its scenario', async () => {
    const upstream = upstreamFromEnvironment({}, { chunkDelayMs: 0, scenario: 'rate-limited' })
    expect((await run(upstream)).status).toBe(429)
  })

  it('sends runs to AUTERYN_UPSTREAM with the key and agent from the environment', async () => {
    const upstream = upstreamFromEnvironment({
      AUTERYN_UPSTREAM: 'https://api.example.test',
      AUTERYN_API_KEY: ' afk_real ',
      AUTERYN_AGENT_ID: 'agent_real',
    })
    expect(upstream).toMatchObject({
      upstream: 'https://api.example.test',
      apiKey: 'afk_real',
      agentId: 'agent_real',
    })
    expect(upstream.mock).toBeUndefined()
    // The global fetch is read per call, so one replaced after start-up is the one used.
    const realFetch = vi.fn(async () => new Response('{}', { status: 200 }))
    vi.stubGlobal('fetch', realFetch)
    await run(upstream)
    expect(realFetch).toHaveBeenCalledTimes(1)
  })

  it('refuses an upstream without its key or agent id instead of falling back to the mock', () => {
    expect(() =>
      upstreamFromEnvironment({
        AUTERYN_UPSTREAM: 'https://api.example.test',
        AUTERYN_AGENT_ID: 'a',
      }),
    ).toThrow(/AUTERYN_API_KEY and AUTERYN_AGENT_ID are required/)
    expect(() =>
      upstreamFromEnvironment({
        AUTERYN_UPSTREAM: 'https://api.example.test',
        AUTERYN_API_KEY: 'k',
      }),
    ).toThrow(/required/)
  })
})
