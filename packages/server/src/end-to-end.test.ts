// jsdom (the default): the client's SSE transport needs `window`, as in a browser.
import { createAgentClient, type RunEvent } from '@auteryn/client'
import { createMockAgent } from '@auteryn/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRunHandler } from './create-run-handler'
import { toNodeHandler } from './node-handler'
import { listen, type TestServer } from '../test/test-servers'

const apiKey = 'afk_e2e_0123456789abcdef'
const agent = createMockAgent({ apiKey, agentId: 'agent_e2e' })
let upstream: TestServer
let proxy: TestServer

beforeAll(async () => {
  upstream = await listen(toNodeHandler(agent))
  const handler = createRunHandler({ apiKey, agentId: 'agent_e2e', upstream: upstream.url })
  proxy = await listen(toNodeHandler(handler))
})
afterAll(async () => {
  await Promise.all([proxy.close(), upstream.close()])
})

async function collect(query: string) {
  const client = createAgentClient({ endpoint: `${proxy.url}/api/run` })
  const events: RunEvent[] = []
  try {
    for await (const event of client.stream({ query })) events.push(event)
    return { events }
  } catch (error) {
    return { events, error: error as { kind: string; status?: number; code?: string } }
  }
}

describe('browser client → proxy → mock agent, over real HTTP', () => {
  it('completes a run with a tool call and continues its task', async () => {
    const before = agent.requests
    const { events, error } = await collect('open bugs?')
    expect(error).toBeUndefined()
    expect(events.map((event) => event.type)).toContain('tool_result')
    expect(events.at(-1)).toMatchObject({ type: 'run_completed', creditsUsed: 6 })
    expect(agent.requests - before).toBe(1)

    const client = createAgentClient({ endpoint: `${proxy.url}/api/run` })
    const first = events[0]
    const taskId = first?.type === 'run_started' ? first.taskId : undefined
    const second = await client.run({ query: 'and the P2s?', taskId })
    expect(second.taskId).toBe(taskId)
    expect(second.output).toMatch(/^Earlier you asked about “open bugs\?”/)
  })

  it('maps upstream failures to the AgentRunError kind a UI can explain', async () => {
    expect((await collect('/scenario out-of-credits')).error).toMatchObject({
      kind: 'http',
      status: 402,
      code: 'insufficient_credits',
    })
    expect((await collect('/scenario disconnect')).error).toMatchObject({ kind: 'interrupted' })
    expect((await collect('/scenario run-failed')).error).toMatchObject({ kind: 'run_failed' })
  })
})
