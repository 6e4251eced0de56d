import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { toNodeHandler } from '@auteryn/server'
import { createMockAgent } from '@auteryn/testing'
import { startDemo, type Demo } from './harness'
import { ask, dropInChat } from './chat-page'

const apiKey = 'afk_e2e_secret_key_never_in_the_browser'
const agentId = 'agent_e2e'

let upstream: Server
let demo: Demo
const seen: Array<{ authorization: string | null; agentId: string | null }> = []

beforeAll(async () => {
  // A stand-in for the real API on its own port: the mock agent, checking the key and agent id.
  const mock = createMockAgent({ scenario: 'tools', chunkDelayMs: 5, apiKey, agentId })
  upstream = createServer(
    toNodeHandler(async (request) => {
      seen.push({
        authorization: request.headers.get('authorization'),
        agentId: request.headers.get('x-agent-id'),
      })
      return mock(request)
    }),
  )
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  const { port } = upstream.address() as AddressInfo
  demo = await startDemo({
    env: {
      AUTERYN_UPSTREAM: `http://127.0.0.1:${port}`,
      AUTERYN_API_KEY: apiKey,
      AUTERYN_AGENT_ID: agentId,
    },
  })
})
afterAll(async () => {
  await demo?.close()
  await new Promise((resolve) => upstream?.close(resolve))
})

describe('with AUTERYN_UPSTREAM set', () => {
  test('the proxy adds the key server-side; the browser never sees it, nor a scenario picker', async () => {
    const { page } = await demo.open()
    const bodies: Promise<string>[] = []
    page.on('response', (response) => bodies.push(response.text().catch(() => '')))
    await page.getByText('demo · live agent').waitFor()
    expect(await page.getByRole('combobox', { name: 'Scenario' }).count()).toBe(0)

    const { thread, chat, settled } = dropInChat(page)
    await ask(page, 'Which P1 bugs are open?')
    await thread.getByText('Let me check the open P1 bugs').waitFor()
    await settled()
    await chat.getByText(/^6 credits ·/).waitFor()

    expect(seen).toEqual([{ authorization: `Bearer ${apiKey}`, agentId }])
    expect(demo.posts.map((post) => post.scenario)).toEqual([null])
    const everything = (await Promise.all(bodies)).join('\n') + (await page.content())
    expect(everything).not.toContain(apiKey)
  })
})
