// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createRunHandler } from './create-run-handler'
import { createRedisRunStore, type RedisRunStore } from './redis-run-store'
import { startRedis, type TestRedis } from '../../../scripts/redis-server.mjs'
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

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
}, 20_000)
afterAll(() => redis.stop())

const rig = createRig()
const stores: RedisRunStore[] = []
afterEach(async () => {
  await rig.close()
  await Promise.all(stores.splice(0).map((store) => store.close()))
})

let prefixes = 0
/** Two instances of the app: two proxies, each with its own store, on one Redis. */
async function twoInstances(
  upstream: string,
  options: { graceMs?: number; heartbeatMs?: number } = {},
) {
  const prefix = `test${prefixes++}:`
  const [storeA, storeB] = [0, 1].map(() =>
    createRedisRunStore({ url: redis.url, prefix, heartbeatMs: options.heartbeatMs ?? 200 }),
  )
  stores.push(storeA!, storeB!)
  const graceMs = options.graceMs ?? 30_000
  const a = await rig.proxy({ upstream, runs: storeA!, graceMs })
  const b = await rig.proxy({ upstream, runs: storeB!, graceMs })
  return { a, b, storeA: storeA! }
}

const slowLong = { query: '/scenario slow-long' }

describe('createRedisRunStore: two instances, one Redis', () => {
  it('resumes on B from the middle of a run A streams, then stops it from B', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const { a, b } = await twoInstances(url)
    const key = newKey()
    const browser = new AbortController()
    const onA = await post(a, { key, body: slowLong, signal: browser.signal })
    expect(onA.headers.get('auteryn-resumable')).toBe('1')
    const before = await readThenDrop(onA, 10, browser)
    const lastId = before.at(-1)!.id!

    const onB = new AbortController()
    const resumed = await post(b, { key, lastEventId: lastId, signal: onB.signal })
    const middle = await readThenDrop(resumed, 10, new AbortController())
    expect([...before, ...middle].map((event) => event.id)).toEqual(
      Array.from({ length: before.length + middle.length }, (_, index) => index + 1),
    )

    const following = await post(b, { key, lastEventId: middle.at(-1)!.id! })
    expect(agent.openStreams).toBe(1)
    expect((await stop(b, key)).status).toBe(204)
    const stopped = Date.now()
    await eventually(() => agent.openStreams === 0, 1000, "A's upstream to close")
    expect(Date.now() - stopped).toBeLessThan(1000)
    const rest = parseBlocks(await following.text())
    expect(rest.at(-1)).toEqual({ event: 'auteryn:end', data: '{"reason":"stopped"}' })
    expect(agent.runsStarted).toBe(1)
  })

  it('replays a finished run on the other instance, whole, with no second upstream run', async () => {
    const { agent, url } = await rig.agent()
    const { a, b } = await twoInstances(url)
    const key = newKey()
    const onA = await (await post(a, { key })).text()
    const onB = await post(b, { key })
    expect(onB.headers.get('auteryn-resumable')).toBe('1')
    expect(await onB.text()).toBe(onA)
    const failed = { query: '/scenario out-of-credits' }
    const otherKey = newKey()
    const first = await post(a, { key: otherKey, body: failed })
    const again = await post(b, { key: otherKey, body: failed })
    expect([first.status, again.status]).toEqual([402, 402])
    expect(await again.text()).toBe(await first.text())
    expect(agent.runsStarted).toBe(1)
    expect(agent.requests).toBe(2)
  })

  it('makes one upstream run of two concurrent starts with one key on two instances', async () => {
    const { agent, url } = await rig.agent({ chunkDelayMs: 1 })
    const { a, b } = await twoInstances(url)
    const key = newKey()
    const [onA, onB] = await Promise.all([post(a, { key }), post(b, { key })])
    const [textA, textB] = await Promise.all([onA!.text(), onB!.text()])
    expect(textA).toBe(textB)
    expect(textA).toContain('run_completed')
    expect(agent.runsStarted).toBe(1)
  })

  it('caps the log at maxEventsPerRun: a resume that needs dropped events gets 410', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 0 })
    const prefix = `test${prefixes++}:`
    const store = createRedisRunStore({ url: redis.url, prefix, maxEventsPerRun: 50 })
    stores.push(store)
    const proxy = await rig.proxy({ upstream: url, runs: store })
    const key = newKey()
    const live = await post(proxy, { key, body: slowLong })
    await live.text().catch(() => 'cut: it fell behind the kept part')
    await eventually(() => agent.openStreams === 0, 5000, 'the run to finish')
    const resumed = await post(proxy, { key, lastEventId: 0 })
    expect(resumed.status).toBe(410)
    expect(await resumed.json()).toMatchObject({ error: { code: 'run_log_truncated' } })
    // A reader that stalled while the cap dropped what it had not read is cut, never given a gap.
    const stalled = createRunHandler({ apiKey, agentId, upstream: url, runs: store })
    const stalledKey = newKey()
    const response = await stalled(
      new Request('http://app.test/api/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': stalledKey },
        body: JSON.stringify(slowLong),
      }),
    )
    await eventually(() => agent.openStreams === 0 && agent.runsStarted === 2, 5000, 'the run')
    await expect(response.text()).rejects.toThrow()
    const tail = parseBlocks(await (await post(proxy, { key, lastEventId: 640 })).text())
    expect(tail[0]!.id).toBe(641)
    expect(JSON.parse(tail.at(-1)!.data)).toMatchObject({ type: 'run_completed' })
  })

  it('answers an unknown key 404 on any instance, contacting nothing', async () => {
    const { agent, url } = await rig.agent()
    const { b } = await twoInstances(url)
    const response = await post(b, { key: newKey(), lastEventId: 0 })
    expect(response.status).toBe(404)
    expect((await stop(b, newKey())).status).toBe(404)
    expect(agent.requests).toBe(0)
  })

  it('keeps the run while a reader on the other instance is attached, then lets it expire', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const { a, b } = await twoInstances(url, { graceMs: 300 })
    const key = newKey()
    const first = new AbortController()
    const seen = await readThenDrop(
      await post(a, { key, body: slowLong, signal: first.signal }),
      2,
      first,
    )
    const onB = new AbortController()
    const staying = await post(b, { key, lastEventId: seen.at(-1)!.id!, signal: onB.signal })
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(agent.openStreams).toBe(1)
    await readThenDrop(staying, 1, onB)
    await eventually(() => agent.openStreams === 0, 3000, 'the grace period to end')
    expect(agent.runsStarted).toBe(1)
  })

  it('ends the log as interrupted when the holding instance dies, and never starts a second run', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const { a, b, storeA } = await twoInstances(url, { heartbeatMs: 100 })
    const key = newKey()
    const browser = new AbortController()
    await readThenDrop(await post(a, { key, body: slowLong, signal: browser.signal }), 3, browser)
    const onB = await post(b, { key, lastEventId: 0 })
    // Instance A's process dies: its store's connections and heartbeat stop.
    await storeA.close()
    const events = parseBlocks(await onB.text())
    expect(events.at(-1)).toEqual({ event: 'auteryn:end', data: '{"reason":"upstream_closed"}' })
    const again = parseBlocks(await (await post(b, { key, body: slowLong })).text())
    expect(again.at(-1)).toEqual({ event: 'auteryn:end', data: '{"reason":"upstream_closed"}' })
    expect(agent.runsStarted).toBe(1)
  })
})
