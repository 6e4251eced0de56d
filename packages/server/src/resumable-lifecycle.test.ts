// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { createRunHandler } from './create-run-handler'
import { createMemoryRunStore } from './memory-run-store'
import {
  agentId,
  apiKey,
  createRig,
  eventually,
  newKey,
  parseBlocks,
  post,
  readThenDrop,
  stop,
} from '../test/resumable-test-helpers'

const rig = createRig()
afterEach(() => rig.close())

const slowLong = { query: '/scenario slow-long' }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('end of log', () => {
  it('ends every reader with auteryn:end upstream_closed when the upstream cuts mid-run', async () => {
    const { agent, url } = await rig.agent({ cutAfterEvents: 5 })
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    const events = parseBlocks(await (await post(proxy, { key })).text())
    expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, undefined])
    expect(events.at(-1)).toEqual({ event: 'auteryn:end', data: '{"reason":"upstream_closed"}' })
    const resumed = parseBlocks(await (await post(proxy, { key, lastEventId: 3 })).text())
    expect(resumed).toEqual(events.slice(3))
    expect(agent.runsStarted).toBe(1)
  })
})

describe('stop', () => {
  it('DELETE aborts the upstream at once; readers and later resumes see "stopped"', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    const reader = await post(proxy, { key, body: slowLong })
    await eventually(() => agent.openStreams === 1, 3000, 'the upstream stream')
    const deleted = await stop(proxy, key)
    expect(deleted.status).toBe(204)
    await eventually(() => agent.openStreams === 0, 1000, 'the upstream to close')
    const events = parseBlocks(await reader.text())
    expect(events.at(-1)).toEqual({ event: 'auteryn:end', data: '{"reason":"stopped"}' })
    const resumed = parseBlocks(await (await post(proxy, { key, lastEventId: 0 })).text())
    expect(resumed).toEqual(events)
    expect((await stop(proxy, key)).status).toBe(204)
    expect((await stop(proxy, newKey())).status).toBe(404)
    expect(agent.runsStarted).toBe(1)
  })
})

describe('grace', () => {
  it('keeps the upstream of a run left without DELETE for the grace period, then aborts it', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const proxy = await rig.proxy({ upstream: url, graceMs: 500 })
    const key = newKey()
    const browser = new AbortController()
    const response = await post(proxy, { key, body: slowLong, signal: browser.signal })
    const seen = await readThenDrop(response, 3, browser)
    const left = Date.now()
    await sleep(250)
    expect(agent.openStreams).toBe(1)
    await eventually(() => agent.openStreams === 0, 2000, 'the grace period to end')
    expect(Date.now() - left).toBeGreaterThanOrEqual(450)
    const resumed = parseBlocks(
      await (await post(proxy, { key, lastEventId: seen.at(-1)!.id! })).text(),
    )
    expect(resumed.at(-1)).toEqual({ event: 'auteryn:end', data: '{"reason":"expired"}' })
    expect(resumed[0]!.id).toBe(seen.at(-1)!.id! + 1)
    expect(agent.runsStarted).toBe(1)
  })

  it('a reader that comes back within the grace period keeps the run alive', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const proxy = await rig.proxy({ upstream: url, graceMs: 400 })
    const key = newKey()
    const first = new AbortController()
    const seen = await readThenDrop(
      await post(proxy, { key, body: slowLong, signal: first.signal }),
      2,
      first,
    )
    await sleep(200)
    const second = new AbortController()
    const back = post(proxy, { key, lastEventId: seen.at(-1)!.id!, signal: second.signal })
    await readThenDrop(await back, 1, new AbortController())
    await sleep(500)
    expect(agent.openStreams).toBe(1)
    second.abort()
    await stop(proxy, key)
  })
})

describe('retention', () => {
  it('keeps a run that finished with no reader resumable until retention ends', async () => {
    const { agent, url } = await rig.agent({ chunkDelayMs: 1 })
    const proxy = await rig.proxy({ upstream: url, retainMs: 1500 })
    const key = newKey()
    const browser = new AbortController()
    const seen = await readThenDrop(await post(proxy, { key, signal: browser.signal }), 1, browser)
    await eventually(() => agent.openStreams === 0, 3000, 'the run to finish')
    const rest = parseBlocks(
      await (await post(proxy, { key, lastEventId: seen.at(-1)!.id! })).text(),
    )
    expect([...seen, ...rest].map((event) => event.id)).toEqual(
      Array.from({ length: seen.length + rest.length }, (_, index) => index + 1),
    )
    expect(JSON.parse(rest.at(-1)!.data)).toMatchObject({ type: 'run_completed' })
    await sleep(1700)
    expect((await post(proxy, { key, lastEventId: 1 })).status).toBe(404)
    expect(agent.runsStarted).toBe(1)
  })
})

describe('bounded', () => {
  it('answers a start past maxLiveRuns 503 too_many_runs before any upstream request', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const proxy = await rig.proxy({ upstream: url, runs: createMemoryRunStore({ maxLiveRuns: 1 }) })
    const key = newKey()
    const live = await post(proxy, { key, body: slowLong })
    const refused = await post(proxy, { key: newKey(), body: slowLong })
    expect(refused.status).toBe(503)
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_runs' } })
    expect(agent.requests).toBe(1)
    await stop(proxy, key)
    await live.text()
    expect((await post(proxy, { key: newKey() })).status).toBe(200)
  })

  it('streams a run past maxBytesPerRun live, but a resume of it gets 410, never a gap', async () => {
    // Paced, so the live reader keeps up with a window this small.
    const { agent, url } = await rig.agent({ chunkDelayMs: 2 })
    const store = createMemoryRunStore({ maxBytesPerRun: 2000 })
    const proxy = await rig.proxy({ upstream: url, runs: store })
    const key = newKey()
    const live = parseBlocks(await (await post(proxy, { key })).text())
    expect(JSON.parse(live.at(-1)!.data)).toMatchObject({ type: 'run_completed' })
    expect(live.map((event) => event.id)).toEqual(live.map((_, index) => index + 1))
    for (const response of [
      await post(proxy, { key, lastEventId: 0 }),
      await post(proxy, { key }),
    ]) {
      expect(response.status).toBe(410)
      expect(await response.json()).toMatchObject({ error: { code: 'run_log_truncated' } })
    }
    // A reader that stalled while the cap dropped what it had not read is cut, never given a gap.
    const stalled = createRunHandler({ apiKey, agentId, upstream: url, runs: store })
    const response = await stalled(
      new Request('http://app.test/api/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: '{"query":"open bugs?"}',
      }),
    )
    await eventually(() => agent.openStreams === 0 && agent.runsStarted === 2, 5000, 'the run')
    await expect(response.text()).rejects.toThrow()
    const tail = await post(proxy, { key, lastEventId: live.length - 2 })
    expect(parseBlocks(await tail.text())).toEqual(live.slice(-2))
  })
})
