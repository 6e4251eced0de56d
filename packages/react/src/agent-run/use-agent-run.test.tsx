import { Profiler, StrictMode } from 'react'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createConversationStore, type AssistantMessage, type RunEvent } from '@auteryn/client'
import { createMockAgent, type ScenarioName } from '@auteryn/testing'
import type { AgentRun } from './use-agent-run'
import { TestChat, textOf } from '../../test/test-chat'

const timeout = { timeout: 10_000 }
// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 30_000 })

function lastAnswer(run: AgentRun | undefined): AssistantMessage | undefined {
  const message = run?.messages.at(-1)
  return message?.role === 'assistant' ? message : undefined
}

/** Request bodies the mock agent received, parsed. */
function recordBodies() {
  const bodies: Array<Record<string, unknown>> = []
  const onRequest = (request: Request) => {
    void request.json().then((body: Record<string, unknown>) => bodies.push(body))
  }
  return { bodies, onRequest }
}

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('useAgentRun', () => {
  test('sends exactly one POST per send under StrictMode and streams the answer', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    render(
      <StrictMode>
        <TestChat fetch={agent.fetch} />
      </StrictMode>,
    )
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    const answer = await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    expect(answer.textContent).toContain('Auteryn agents answer in **markdown**')
    expect(screen.getByText('credits: 1')).toBeTruthy()
    expect(agent.requests).toBe(1)

    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await waitFor(() => expect(screen.getByText('credits: 2')).toBeTruthy(), timeout)
    expect(agent.requests).toBe(2)
  })

  test('continues the conversation: the second POST carries the task id of the first run', async () => {
    const { bodies, onRequest } = recordBodies()
    const agent = createMockAgent({ scenario: 'plain', onRequest })
    render(<TestChat fetch={agent.fetch} />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    const task = await screen.findByText(/^task: task_/, {}, timeout)
    const taskId = task.textContent?.replace('task: ', '')
    await screen.findByText('status: idle', {}, timeout)
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByText('credits: 2', {}, timeout)
    await waitFor(() => expect(bodies).toHaveLength(2))
    expect(bodies[0]?.task_id).toBeUndefined()
    expect(bodies[1]?.task_id).toBe(taskId)
    expect(agent.history(taskId ?? '')).toHaveLength(2)
  })

  test('starts from the taskId option', async () => {
    const { bodies, onRequest } = recordBodies()
    const agent = createMockAgent({ scenario: 'plain', onRequest })
    render(<TestChat fetch={agent.fetch} taskId="task_earlier" />)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByText('credits: 1', {}, timeout)
    await waitFor(() => expect(bodies).toHaveLength(1))
    expect(bodies[0]?.task_id).toBe('task_earlier')
  })

  test('stop keeps the partial answer, marked stopped, and nothing arrives after it', async () => {
    const agent = createMockAgent({ scenario: 'plain', chunkDelayMs: 15 })
    const store = createConversationStore()
    let latest: AgentRun | undefined
    render(<TestChat fetch={agent.fetch} store={store} onResult={(run) => (latest = run)} />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await waitFor(() => expect(textOf(lastAnswer(latest)).length).toBeGreaterThan(10), timeout)
    await user.click(screen.getByRole('button', { name: 'Stop' }))

    const stopped = await screen.findByRole('listitem', { name: 'answer stopped' })
    const partial = stopped.textContent ?? ''
    expect(partial.length).toBeGreaterThan(10)
    expect(screen.getByText('status: idle')).toBeTruthy()
    let writes = 0
    store.subscribe(() => writes++)
    // The rest of the answer would take ~1 s at this pace; give it time to (not) arrive.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(writes).toBe(0)
    expect(stopped.textContent).toBe(partial)
    expect(agent.requests).toBe(1)
  })

  test('a second send while streaming stops the first run and starts one more', async () => {
    const agent = createMockAgent({ scenario: 'plain', chunkDelayMs: 15 })
    const reasons: string[] = []
    let latest: AgentRun | undefined
    render(
      <TestChat
        fetch={agent.fetch}
        onResult={(run) => (latest = run)}
        onFinish={({ reason }) => reasons.push(reason)}
      />,
    )
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await waitFor(() => expect(textOf(lastAnswer(latest))).not.toBe(''), timeout)
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    // The first run ended when the second began; it never completes behind the scenes.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(reasons).toEqual(['stopped', 'complete'])
    expect(screen.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual([
      'question',
      'answer stopped',
      'question',
      'answer complete',
    ])
    expect(agent.requests).toBe(2)
  })

  /** Asks the same scenario once streamed and once in JSON mode; both runs once they complete. */
  async function askInBothModes(scenario: ScenarioName, credits: number) {
    const streamed = createMockAgent({ scenario })
    const json = createMockAgent({ scenario })
    const runs: Record<'streamed' | 'json', AgentRun | undefined> = {
      streamed: undefined,
      json: undefined,
    }
    render(
      <>
        <TestChat fetch={streamed.fetch} onResult={(run) => (runs.streamed = run)} />
        <TestChat fetch={json.fetch} stream={false} onResult={(run) => (runs.json = run)} />
      </>,
    )
    const user = userEvent.setup()
    for (const button of screen.getAllByRole('button', { name: 'Ask' })) await user.click(button)
    await waitFor(() => expect(screen.getAllByText(`credits: ${credits}`)).toHaveLength(2), timeout)
    return runs
  }

  test('JSON mode fills the same message as streaming', async () => {
    const runs = await askInBothModes('plain', 1)
    const streamedAnswer = lastAnswer(runs.streamed)
    const jsonAnswer = lastAnswer(runs.json)
    expect(jsonAnswer?.parts).toEqual(streamedAnswer?.parts)
    expect(jsonAnswer?.status).toBe('complete')
    expect(jsonAnswer?.creditsUsed).toBe(streamedAnswer?.creditsUsed)
  })

  test('JSON mode keeps the tool calls and the text of a tool run', async () => {
    const runs = await askInBothModes('tools', 6)
    const tools = (run: AgentRun | undefined) =>
      lastAnswer(run)?.parts.flatMap((part) =>
        part.kind === 'tool' ? [{ tool: part.tool, action: part.action, params: part.params }] : [],
      )
    expect(tools(runs.json)).toEqual(tools(runs.streamed))
    expect(tools(runs.json)).toHaveLength(1)
    expect(textOf(lastAnswer(runs.json))).toBe(textOf(lastAnswer(runs.streamed)))
  })

  test('reports each event and one finish, and reads the newest callbacks without restarting', async () => {
    const agent = createMockAgent({ scenario: 'plain', chunkDelayMs: 5 })
    const firstFinish = vi.fn()
    const secondFinish = vi.fn()
    const events: RunEvent[] = []
    const onEvent = (event: RunEvent) => events.push(event)
    let latest: AgentRun | undefined
    const onResult = (run: AgentRun) => (latest = run)
    const { rerender } = render(
      <TestChat fetch={agent.fetch} onFinish={firstFinish} onEvent={onEvent} onResult={onResult} />,
    )
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
    await waitFor(() => expect(events.length).toBeGreaterThan(2), timeout)
    rerender(
      <TestChat
        fetch={agent.fetch}
        headers={{ 'x-changed': 'yes' }}
        onFinish={secondFinish}
        onEvent={(event) => events.push(event)}
        onResult={onResult}
      />,
    )
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    expect(agent.requests).toBe(1)
    expect(firstFinish).not.toHaveBeenCalled()
    expect(secondFinish).toHaveBeenCalledTimes(1)
    expect(secondFinish).toHaveBeenCalledWith({
      message: lastAnswer(latest),
      creditsUsed: 1,
      durationMs: 912,
      reason: 'complete',
    })
    expect(events[0]?.type).toBe('run_started')
    expect(events.at(-1)?.type).toBe('run_completed')
    const streamedText = events.map((event) => (event.type === 'text_chunk' ? event.content : ''))
    expect(streamedText.join('')).toBe(textOf(lastAnswer(latest)))
  })

  test('retry re-sends the failed question with exactly one new POST and replaces the answer', async () => {
    const agent = createMockAgent({ scenario: 'disconnect' })
    const onError = vi.fn()
    const onFinish = vi.fn()
    render(<TestChat fetch={agent.fetch} onError={onError} onFinish={onFinish} />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByRole('listitem', { name: 'answer interrupted' }, timeout)
    expect(screen.getByText('status: error')).toBeTruthy()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'AgentRunError', kind: 'interrupted' })
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ reason: 'interrupted' })
    expect(agent.requests).toBe(1)

    await user.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(2), timeout)
    expect(agent.requests).toBe(2)
    // The failed answer was replaced, not appended to.
    expect(screen.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual([
      'question',
      'answer interrupted',
    ])
  })

  test('retry does nothing when the last answer completed', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    render(<TestChat fetch={agent.fetch} />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(agent.requests).toBe(1)
  })

  test('an HTTP error becomes the conversation error, never an unhandled rejection', async () => {
    const agent = createMockAgent({ scenario: 'out-of-credits' })
    let latest: AgentRun | undefined
    render(<TestChat fetch={agent.fetch} onResult={(run) => (latest = run)} />)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByText('status: error', {}, timeout)
    expect(latest?.error).toMatchObject({ kind: 'http', status: 402 })
    expect(lastAnswer(latest)?.status).toBe('error')
  })

  test('reset aborts the live run and clears the conversation', async () => {
    const agent = createMockAgent({ scenario: 'plain', chunkDelayMs: 15 })
    let latest: AgentRun | undefined
    render(<TestChat fetch={agent.fetch} onResult={(run) => (latest = run)} />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await waitFor(() => expect(textOf(lastAnswer(latest))).not.toBe(''), timeout)
    await user.click(screen.getByRole('button', { name: 'Reset' }))
    expect(screen.queryAllByRole('listitem')).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(screen.queryAllByRole('listitem')).toEqual([])
    expect(screen.getByText('status: idle')).toBeTruthy()
  })

  test('sends the context and refuses an empty question without a POST', async () => {
    const { bodies, onRequest } = recordBodies()
    const agent = createMockAgent({ scenario: 'plain', onRequest })
    let latest: AgentRun | undefined
    render(
      <TestChat
        fetch={agent.fetch}
        context={{ userId: 'user_1', userName: 'Mara', metadata: { plan: 'pro' } }}
        onResult={(run) => (latest = run)}
      />,
    )
    expect(() => latest?.send('   ')).toThrow(TypeError)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByText('credits: 1', {}, timeout)
    await waitFor(() => expect(bodies).toHaveLength(1))
    expect(bodies[0]?.context).toEqual({
      user_id: 'user_1',
      user_name: 'Mara',
      metadata: { plan: 'pro' },
    })
    expect(agent.requests).toBe(1)
  })

  test('persist keeps the conversation for the next mount', async () => {
    const saved = new Map<string, string>()
    const storage = {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
      removeItem: (key: string) => void saved.delete(key),
    }
    const agent = createMockAgent({ scenario: 'plain' })
    const persist = { key: 'support-chat', storage }
    const { unmount } = render(<TestChat fetch={agent.fetch} persist={persist} />)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    const taskId = screen.getByText(/^task: /).textContent
    unmount()
    render(<TestChat fetch={agent.fetch} persist={persist} />)
    expect(screen.getByRole('listitem', { name: 'answer complete' })).toBeTruthy()
    expect(screen.getByText(/^task: /).textContent).toBe(taskId)
  })

  test('warns once per page, pointing at the server package, when an afk_ key reaches the browser', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const agent = createMockAgent({ scenario: 'plain' })
    const user = userEvent.setup()
    const first = render(<TestChat fetch={agent.fetch} apiKey="pk_public" />)
    await user.click(screen.getByRole('button', { name: 'Ask' }))
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    expect(warn).not.toHaveBeenCalled()
    first.unmount()
    // Two chats holding secret keys, each sending: the hook and its client together warn once.
    for (const apiKey of ['afk_live_secret', 'afk_other_secret']) {
      const chat = render(<TestChat fetch={agent.fetch} apiKey={apiKey} />)
      await user.click(screen.getByRole('button', { name: 'Ask' }))
      await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
      chat.unmount()
    }
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain("createRunHandler from '@auteryn/server'")
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('afk_live_secret')
  })
})

describe('useAgentRun frame batching', () => {
  test('applies chunks at most once per animation frame, in order, and flushes on completion', async () => {
    // Animation frames that run only when the test says so.
    const frames = new Map<number, FrameRequestCallback>()
    let lastHandle = 0
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
      frames.set(++lastHandle, callback)
      return lastHandle
    })
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => frames.delete(handle))
    const agent = createMockAgent({ scenario: 'plain', chunkDelayMs: 4 })
    const store = createConversationStore()
    const chunks: string[] = []
    let notifications = 0
    let commits = 0
    store.subscribe(() => notifications++)
    render(
      <Profiler id="chat" onRender={() => commits++}>
        <TestChat
          fetch={agent.fetch}
          store={store}
          onEvent={(event) => event.type === 'text_chunk' && chunks.push(event.content)}
        />
      </Profiler>,
    )
    const commitsBefore = commits
    act(() => screen.getByRole('button', { name: 'Ask' }).click())
    let framesRun = 0
    while (store.getState().status !== 'idle') {
      // One animation frame every 16 ms while the chunks arrive every few ms.
      await act(() => new Promise((resolve) => setTimeout(resolve, 16)))
      const due = [...frames.values()]
      frames.clear()
      framesRun++
      act(() => due.forEach((callback) => callback(performance.now())))
      if (framesRun > 1_000) throw new Error('the run never finished')
    }
    const answer = store.getState().messages.at(-1)
    expect(answer?.role === 'assistant' && answer.status).toBe('complete')
    expect(textOf(answer)).toBe(chunks.join(''))
    expect(framesRun).toBeGreaterThan(3)
    expect(chunks.length).toBeGreaterThan(framesRun)
    // The send, at most one update per frame, and the immediate flush of run_completed.
    expect(notifications).toBeLessThanOrEqual(framesRun + 2)
    expect(commits - commitsBefore).toBeLessThanOrEqual(framesRun + 2)
  })

  test('stop, failure and completion flush the chunks still waiting for a frame', async () => {
    // Frames never come: whatever the answer shows was flushed by stop or by the failure.
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const stopped = createMockAgent({ scenario: 'plain', chunkDelayMs: 10 })
    const interrupted = createMockAgent({ scenario: 'disconnect' })
    const completed = createMockAgent({ scenario: 'plain' })
    const chunks: Record<string, string[]> = { stopped: [], interrupted: [], completed: [] }
    const runs: Record<string, AgentRun | undefined> = {}
    const collect = (name: string) => (event: RunEvent) => {
      if (event.type === 'text_chunk') chunks[name]?.push(event.content)
    }
    render(
      <>
        <TestChat
          fetch={stopped.fetch}
          onEvent={collect('stopped')}
          onResult={(run) => (runs.stopped = run)}
        />
        <TestChat
          fetch={interrupted.fetch}
          onEvent={collect('interrupted')}
          onResult={(run) => (runs.interrupted = run)}
        />
        <TestChat
          fetch={completed.fetch}
          onEvent={collect('completed')}
          onResult={(run) => (runs.completed = run)}
        />
      </>,
    )
    const user = userEvent.setup()
    const [askStopped, askInterrupted, askCompleted] = screen.getAllByRole('button', {
      name: 'Ask',
    })
    await user.click(askStopped!)
    await waitFor(() => expect(chunks.stopped?.length).toBeGreaterThan(3), timeout)
    act(() => runs.stopped?.stop())
    expect(lastAnswer(runs.stopped)?.status).toBe('stopped')
    expect(textOf(lastAnswer(runs.stopped))).toBe(chunks.stopped?.join(''))

    await user.click(askInterrupted!)
    await screen.findByRole('listitem', { name: 'answer interrupted' }, timeout)
    expect(chunks.interrupted?.length).toBeGreaterThan(3)
    expect(textOf(lastAnswer(runs.interrupted))).toBe(chunks.interrupted?.join(''))

    await user.click(askCompleted!)
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    expect(textOf(lastAnswer(runs.completed))).toBe(chunks.completed?.join(''))
  })

  test('text and tool events applied in one frame keep their order', async () => {
    // Frames never come: the whole run is applied at once, when run_completed flushes it.
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const agent = createMockAgent({ scenario: 'tools' })
    const store = createConversationStore()
    const events: RunEvent[] = []
    render(<TestChat fetch={agent.fetch} store={store} onEvent={(event) => events.push(event)} />)
    act(() => screen.getByRole('button', { name: 'Ask' }).click())
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
    // The parts the events describe, in the order they came: runs of text, and tool calls.
    const expected: string[] = []
    for (const event of events) {
      if (event.type === 'tool_call') expected.push(`tool ${event.tool}`)
      if (event.type !== 'text_chunk' || event.content === '') continue
      if (expected.at(-1)?.startsWith('text ')) expected[expected.length - 1] += event.content
      else expected.push(`text ${event.content}`)
    }
    expect(expected.filter((part) => part.startsWith('tool')).length).toBeGreaterThan(0)
    const answer = store.getState().messages.at(-1)
    const parts = answer?.role === 'assistant' ? answer.parts : []
    expect(
      parts.map((part) => (part.kind === 'text' ? `text ${part.text}` : `tool ${part.tool}`)),
    ).toEqual(expected)
  })

  test('keeps streaming in a hidden tab, where animation frames never fire', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    const agent = createMockAgent({ scenario: 'tools', chunkDelayMs: 10 })
    let latest: AgentRun | undefined
    render(<TestChat fetch={agent.fetch} onResult={(run) => (latest = run)} />)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
    // Text must show before completion (a timer flush), not only in the final flush.
    await waitFor(() => {
      expect(lastAnswer(latest)?.status).toBe('streaming')
      expect(lastAnswer(latest)?.parts.length).toBeGreaterThan(1)
    }, timeout)
    await screen.findByRole('listitem', { name: 'answer complete' }, timeout)
  })
})
