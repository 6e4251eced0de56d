// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import type { RunBodyWire } from './run-body'
import { createRig, parseBlocks, post } from '../test/resumable-test-helpers'

const rig = createRig()
afterEach(() => rig.close())

describe('task ownership', () => {
  it('refuses a foreign task id with 404 before any upstream request', async () => {
    const { agent, url } = await rig.agent()
    const owners = new Map<string, string>()
    const bodies: Array<RunBodyWire | undefined> = []
    const proxy = await rig.proxy({
      upstream: url,
      resolveContext: (request, { body }) => {
        bodies.push(body)
        return { user_id: request.headers.get('x-user') ?? 'nobody' }
      },
      onRunStarted: ({ taskId, context }) => {
        if (!owners.has(taskId)) owners.set(taskId, context!.user_id!)
      },
      authorizeTask: ({ taskId, context }) => owners.get(taskId) === context?.user_id,
    })
    const ana = { 'x-user': 'ana' }
    const first = parseBlocks(await (await post(proxy, { headers: ana })).text())
    const { task_id: taskId } = JSON.parse(first[0]!.data) as { task_id: string }
    expect(owners.get(taskId)).toBe('ana')
    expect(bodies[0]).toEqual({ query: 'open bugs?', stream: true })

    const body = { query: 'and the P2s?', task_id: taskId }
    const foreign = await post(proxy, { headers: { 'x-user': 'mallory' }, body })
    expect(foreign.status).toBe(404)
    expect(await foreign.json()).toMatchObject({ error: { code: 'task_not_found' } })
    expect(agent.requests).toBe(1)

    const own = await post(proxy, { headers: ana, body })
    expect(own.status).toBe(200)
    const continued = parseBlocks(await own.text())
    expect(JSON.parse(continued[0]!.data)).toMatchObject({ task_id: taskId })
    expect(agent.requests).toBe(2)
  })

  it('answers a Response from authorizeTask as it is, and a throw as a 500', async () => {
    const { agent, url } = await rig.agent()
    const refusing = await rig.proxy({
      upstream: url,
      authorizeTask: () => new Response('no', { status: 403 }),
    })
    const refused = await post(refusing, { body: { query: 'hi', task_id: 'task_x' } })
    expect([refused.status, await refused.text()]).toEqual([403, 'no'])
    const throwing = await rig.proxy({
      upstream: url,
      authorizeTask: () => {
        throw new Error('database down')
      },
    })
    const failed = await post(throwing, { body: { query: 'hi', task_id: 'task_x' } })
    expect(failed.status).toBe(500)
    expect(await failed.json()).toMatchObject({ error: { code: 'authorize_failed' } })
    expect(agent.requests).toBe(0)
  })
})
