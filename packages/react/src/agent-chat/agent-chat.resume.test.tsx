import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { StrictMode } from 'react'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createThreadList, type ThreadList } from '@auteryn/client'
import { createRunHandler, toNodeHandler } from '@auteryn/server'
import { createMockAgent, type MockAgent, type ScenarioName } from '@auteryn/testing'
import { liveRegionTexts } from '../status-region/live-regions'
import { AgentChat } from './agent-chat'
import { AgentChatWithThreads } from './agent-chat-with-threads'
import { createMemoryStorage } from '@auteryn/testing'

/*
 * The kit's own proxy (createRunHandler, its memory run store) in front of the mock agent, on a
 * real loopback server that can cut the browser's connection, as a flaky network would.
 */
vi.setConfig({ testTimeout: 30_000 })
const timeout = { timeout: 10_000 }
const apiKey = 'afk_test_resume_key'
const agentId = 'agent_resume'

let server: Server | undefined
afterEach(async () => {
  cleanup()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
})

interface Route {
  endpoint: string
  agent: MockAgent
  /** Requests the route received, in order: method and whether it carried Last-Event-ID. */
  requests: { method: string; resume: boolean }[]
}

/** The proxy on 127.0.0.1; the first `cutStarts` starts are cut after `cutAfter` events. */
async function startRoute(
  scenario: ScenarioName,
  { cutAfter = Infinity, chunkDelayMs = 10 } = {},
): Promise<Route> {
  const agent = createMockAgent({ apiKey, agentId, scenario, chunkDelayMs })
  const handler = toNodeHandler(createRunHandler({ apiKey, agentId, fetch: agent.fetch }))
  const requests: Route['requests'] = []
  server = createServer((request, response) => {
    const resume = request.headers['last-event-id'] !== undefined
    requests.push({ method: request.method ?? '', resume })
    if (request.method === 'POST' && !resume && Number.isFinite(cutAfter)) {
      const write = response.write.bind(response) as (chunk: unknown) => boolean
      let events = 0
      response.write = ((chunk: unknown) => {
        events += (String(Buffer.from(chunk as Uint8Array)).match(/^id: /gm) ?? []).length
        if (events > cutAfter) {
          response.destroy()
          return false
        }
        return write(chunk)
      }) as typeof response.write
    }
    void handler(request, response)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/run`
  return { endpoint, agent, requests }
}

async function ask(question = 'What is open?') {
  const user = userEvent.setup()
  await user.type(screen.getByRole('textbox', { name: 'Message' }), `${question}{Enter}`)
  return user
}

const chat = () => screen.getByRole('region', { name: 'Agent chat' })
/** The last answer's text, without tool call durations: those depend on when events arrived. */
function answerText() {
  const answer = screen.getAllByRole('article', { name: 'Agent' }).at(-1)?.cloneNode(true)
  if (!(answer instanceof HTMLElement)) return undefined
  for (const duration of answer.querySelectorAll('.auteryn-tool-card-duration')) duration.remove()
  return answer.textContent
}

/** What an uncut run of the scenario shows. */
async function uncutText(scenario: ScenarioName) {
  const route = await startRoute(scenario)
  render(<AgentChat endpoint={route.endpoint} />)
  await ask()
  await waitFor(() => expect(chat().dataset.state).toBe('idle'), timeout)
  const text = answerText()
  cleanup()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  return text
}

describe('AgentChat on a resumable route', () => {
  test('a cut mid-answer shows "reconnecting", then the same answer completes: one run', async () => {
    const expected = await uncutText('tools')
    const route = await startRoute('tools', { cutAfter: 3 })
    render(
      <StrictMode>
        <AgentChat endpoint={route.endpoint} />
      </StrictMode>,
    )
    await ask()
    await waitFor(() => expect(chat().dataset.state).toBe('reconnecting'), timeout)
    const thread = screen.getByRole('log', { name: 'Conversation' })
    expect(within(thread).getByText('Connection lost. Reconnecting…')).toBeTruthy()
    expect(liveRegionTexts()).toEqual(['Connection lost. Reconnecting…'])
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy()
    await waitFor(() => expect(chat().dataset.state).toBe('idle'), timeout)
    expect(answerText()).toBe(expected)
    expect(within(thread).queryByText('Connection lost. Reconnecting…')).toBeNull()
    expect(liveRegionTexts()).toEqual(['Response complete'])
    expect(route.agent.runsStarted).toBe(1)
    expect(route.requests.filter((request) => request.resume)).toHaveLength(1)
  })

  test('Stop ends the upstream run at once (DELETE), not after the grace period', async () => {
    const route = await startRoute('slow-long')
    render(
      <StrictMode>
        <AgentChat endpoint={route.endpoint} />
      </StrictMode>,
    )
    const user = await ask()
    await waitFor(() => expect(chat().dataset.state).toBe('streaming'), timeout)
    expect(route.agent.openStreams).toBe(1)
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(route.agent.openStreams).toBe(0), { timeout: 1000 })
    expect(route.requests.map((request) => request.method)).toEqual(['POST', 'DELETE'])
  })

  test('unmounting a live chat stops its run; StrictMode mounting did not', async () => {
    const route = await startRoute('slow-long')
    const { unmount } = render(
      <StrictMode>
        <AgentChat endpoint={route.endpoint} />
      </StrictMode>,
    )
    await ask()
    await waitFor(() => expect(chat().dataset.state).toBe('streaming'), timeout)
    expect(route.requests.map((request) => request.method)).toEqual(['POST'])
    unmount()
    await waitFor(() => expect(route.agent.openStreams).toBe(0), { timeout: 1000 })
    expect(route.requests.map((request) => request.method)).toEqual(['POST', 'DELETE'])
  })
})

describe('AgentChatWithThreads on a resumable route', () => {
  let earlierPage: ThreadList | undefined
  afterEach(() => {
    earlierPage?.dispose()
    earlierPage = undefined
  })

  test('a reload mid-answer under StrictMode re-attaches: no DELETE, the answer completes', async () => {
    const route = await startRoute('tools', { chunkDelayMs: 50 })
    // The page before the reload: its thread's run is live, with its key stored.
    const storage = createMemoryStorage()
    earlierPage = createThreadList({ storage, chat: { endpoint: route.endpoint } })
    const thread = await earlierPage.open(earlierPage.create())
    thread.send('What is open?')
    await waitFor(() => expect(thread.getState().resumable).toBeDefined(), timeout)

    // The reloaded page finds what the page before it stored.
    const reloaded = createMemoryStorage(storage.items)
    render(
      <StrictMode>
        <AgentChatWithThreads endpoint={route.endpoint} threads={{ storage: reloaded }} />
      </StrictMode>,
    )
    await waitFor(() => expect(chat().dataset.state).toBe('streaming'), timeout)
    await waitFor(() => expect(chat().dataset.state).toBe('idle'), { timeout: 20_000 })
    const answer = screen.getAllByRole('article', { name: 'Agent' }).at(-1)
    expect(answer?.dataset.state).toBe('complete')
    expect(route.requests.map((request) => request.method)).not.toContain('DELETE')
    expect(route.agent.runsStarted).toBe(1)
  })
})
