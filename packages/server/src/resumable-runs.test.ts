// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import {
  createRig,
  newKey,
  parseBlocks,
  post,
  readThenDrop,
  stop,
  type ReadEvent,
} from '../test/resumable-test-helpers'

const rig = createRig()
afterEach(() => rig.close())

const ids = (events: ReadEvent[]) => events.map((event) => event.id)
const types = (events: ReadEvent[]) =>
  events.map((event) => (JSON.parse(event.data) as { type: string }).type)
const oneTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1)

describe('start', () => {
  it('numbers every event 1, 2, 3… under Auteryn-Resumable: 1, payloads unchanged', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    const plain = parseBlocks(await (await post(proxy)).text())
    const response = await post(proxy, { key: newKey() })
    expect(response.headers.get('auteryn-resumable')).toBe('1')
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    const events = parseBlocks(await response.text())
    expect(ids(events)).toEqual(oneTo(events.length))
    expect(types(events)).toEqual(types(plain))
    expect(types(events).at(-1)).toBe('run_completed')
    expect(events.every((event) => event.event === undefined)).toBe(true)
    expect(agent.runsStarted).toBe(2)
  })

  it('serves a POST without a key as before: not resumable, no ids', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    const response = await post(proxy)
    expect(response.headers.get('auteryn-resumable')).toBeNull()
    const events = parseBlocks(await response.text())
    expect(events.some((event) => event.id !== undefined)).toBe(false)
    expect(agent.runsStarted).toBe(1)
  })

  it('refuses a malformed key or Last-Event-ID before any upstream request', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    const refusals = [
      await post(proxy, { key: 'has space' }),
      await post(proxy, { key: 'x'.repeat(129) }),
      await post(proxy, { key: '' }),
      await post(proxy, { lastEventId: 0 }),
      await post(proxy, { key: newKey(), lastEventId: 'seven' }),
      await stop(proxy, 'bad/key'),
      await fetch(`${proxy}/api/run`, { method: 'DELETE' }),
    ]
    const codes = await Promise.all(
      refusals.map(async (response) => [response.status, (await response.json()).error.code]),
    )
    expect(codes).toEqual([
      [400, 'invalid_idempotency_key'],
      [400, 'invalid_idempotency_key'],
      [400, 'invalid_idempotency_key'],
      [400, 'invalid_idempotency_key'],
      [400, 'invalid_last_event_id'],
      [400, 'invalid_idempotency_key'],
      [400, 'invalid_idempotency_key'],
    ])
    expect(agent.requests).toBe(0)
  })
})

describe('same key again', () => {
  it('replays from the first event without Last-Event-ID, with no second upstream run', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    const first = await (await post(proxy, { key })).text()
    const again = await post(proxy, { key })
    expect(again.headers.get('auteryn-resumable')).toBe('1')
    expect(await again.text()).toBe(first)
    expect(agent.runsStarted).toBe(1)
  })

  it('resumes after a cut from Last-Event-ID: no gap, no duplicate, one upstream run', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 3 })
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    const body = { query: '/scenario slow' }
    const browser = new AbortController()
    const response = await post(proxy, { key, body, signal: browser.signal })
    const before = await readThenDrop(response, 12, browser)
    const lastId = before.at(-1)!.id!
    const after = parseBlocks(await (await post(proxy, { key, lastEventId: lastId })).text())
    const joined = [...before, ...after]
    expect(ids(joined)).toEqual(oneTo(joined.length))
    expect(types(joined).at(-1)).toBe('run_completed')
    const replay = parseBlocks(await (await post(proxy, { key, body })).text())
    expect(joined).toEqual(replay)
    expect(agent.runsStarted).toBe(1)
  })

  it('lets two readers follow one run; two concurrent starts with one key make one run', async () => {
    const { agent, url } = await rig.agent({ chunkDelayMs: 1 })
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    const [one, two] = await Promise.all([post(proxy, { key }), post(proxy, { key })])
    const [first, second] = await Promise.all([one!.text(), two!.text()])
    expect(first).toBe(second)
    expect(types(parseBlocks(first)).at(-1)).toBe('run_completed')
    expect(agent.runsStarted).toBe(1)
  })

  it('answers a failed start (402) with the same status and body, never a second request', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    const body = { query: '/scenario out-of-credits' }
    const first = await post(proxy, { key, body })
    const again = await post(proxy, { key, body })
    const resumed = await post(proxy, { key, lastEventId: 0 })
    const answers = await Promise.all(
      [first, again, resumed].map(async (response) => [response.status, await response.text()]),
    )
    expect(answers[0]![0]).toBe(402)
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect(agent.requests).toBe(1)
  })

  it('refuses the same key with another question (422), starting nothing', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    const key = newKey()
    await (await post(proxy, { key })).text()
    const other = await post(proxy, { key, body: { query: 'something else' } })
    expect(other.status).toBe(422)
    expect(await other.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } })
    expect(agent.requests).toBe(1)
  })
})

describe('resume never starts', () => {
  it('answers an unknown key with Last-Event-ID (even 0) 404, contacting nothing', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url })
    for (const lastEventId of [0, 5]) {
      const response = await post(proxy, { key: newKey(), lastEventId })
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ error: { code: 'run_not_found' } })
    }
    expect(agent.requests).toBe(0)
  })
})

describe('caller scope', () => {
  it('answers another identity 404 for a run, exactly as for an unknown key', async () => {
    const { agent, url } = await rig.agent({ slowDelayMs: 5 })
    const proxy = await rig.proxy({
      upstream: url,
      resolveContext: (request) => ({ user_id: request.headers.get('x-user') ?? 'nobody' }),
    })
    const key = newKey()
    const body = { query: '/scenario slow-long' }
    const ana = { 'x-user': 'ana' }
    const bob = { 'x-user': 'bob' }
    const browser = new AbortController()
    const started = await post(proxy, { key, body, headers: ana, signal: browser.signal })
    await readThenDrop(started, 2, browser)
    const unknown = await (await post(proxy, { key: newKey(), lastEventId: 0 })).text()
    const refused = [
      await post(proxy, { key, lastEventId: 0, headers: bob }),
      await post(proxy, { key, body, headers: bob }),
      await stop(proxy, key, bob),
    ]
    for (const response of refused) {
      expect(response.status).toBe(404)
      expect(await response.text()).toBe(unknown)
    }
    const own = await post(proxy, { key, lastEventId: 1, headers: ana })
    expect(own.status).toBe(200)
    expect((await stop(proxy, key, ana)).status).toBe(204)
    await own.text()
    expect(agent.runsStarted).toBe(1)
  })
})

describe('runs: false', () => {
  it('turns the extension off: no header, no ids, a key is ignored, DELETE is 405', async () => {
    const { agent, url } = await rig.agent()
    const proxy = await rig.proxy({ upstream: url, runs: false })
    const key = newKey()
    const response = await post(proxy, { key })
    expect(response.headers.get('auteryn-resumable')).toBeNull()
    const events = parseBlocks(await response.text())
    expect(events.some((event) => event.id !== undefined)).toBe(false)
    await (await post(proxy, { key })).text()
    expect(agent.runsStarted).toBe(2)
    const deleted = await stop(proxy, key)
    expect([deleted.status, deleted.headers.get('allow')]).toEqual([405, 'POST'])
  })
})
