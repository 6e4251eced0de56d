import { StrictMode } from 'react'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createMockAgent, type MockAgentOptions, type ScenarioName } from '@auteryn/testing'
import { liveRegionTexts } from '../status-region/live-regions'
import { AgentChat } from './agent-chat'

// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 30_000 })
const timeout = { timeout: 10_000 }

afterEach(cleanup)

async function ask(question = 'What is open?') {
  const user = userEvent.setup()
  await user.type(screen.getByRole('textbox', { name: 'Message' }), `${question}{Enter}`)
  return user
}

function chatWith(scenario: ScenarioName, options: MockAgentOptions = {}) {
  const agent = createMockAgent({ scenario, ...options })
  render(
    <StrictMode>
      <AgentChat fetch={agent.fetch} />
    </StrictMode>,
  )
  return agent
}

/**
 * The failure is said once: heard once, in the banner's words (no second "Response failed" from
 * the status region); at most one Retry. An answer cut off only notes that it did not finish; a
 * request that failed before any answer started leaves nothing under the question.
 */
async function expectSaidOnce(
  words: string | RegExp,
  retries: 0 | 1,
  answer: 'never started' | 'cut off' = 'never started',
) {
  const alert = await screen.findByRole('alert', {}, timeout)
  expect(screen.getAllByRole('alert')).toEqual([alert])
  expect(alert.textContent).toMatch(words)
  expect(liveRegionTexts()).toEqual([alert.textContent])
  expect(screen.queryAllByRole('button', { name: 'Retry' })).toHaveLength(retries)
  const thread = screen.getByRole('log', { name: 'Conversation' })
  const last = within(thread).getAllByRole('article').at(-1)!
  if (answer === 'never started') {
    expect(last.getAttribute('aria-label')).toBe('You')
    expect(within(thread).queryByText('This answer did not finish.')).toBeNull()
    return alert
  }
  expect(last.getAttribute('aria-label')).toBe('Agent')
  expect(within(last).getByText('This answer did not finish.')).toBeTruthy()
  expect(last.querySelector('.auteryn-message-error')).toBeNull()
  return alert
}

describe('AgentChat', () => {
  test('streams an answer with its tool card and credit badge, with one POST', async () => {
    const agent = chatWith('tools')
    const chat = screen.getByRole('region', { name: 'Agent chat' })
    expect(chat.dataset.state).toBe('idle')
    await ask()
    expect(await screen.findByText(/found/, {}, timeout)).toBeTruthy()
    expect(await screen.findByRole('button', { name: /github\.list_issues/ }, timeout)).toBeTruthy()
    expect(await screen.findByText('6 credits · 3.2 s', {}, timeout)).toBeTruthy()
    expect(chat.dataset.state).toBe('idle')
    expect(agent.requests).toBe(1)
  })

  test('the credit badge follows the current run and shows the conversation total', async () => {
    chatWith('tools', { chunkDelayMs: 30 })
    const user = await ask()
    expect(await screen.findByText('6 credits · 3.2 s', {}, timeout)).toBeTruthy()
    // The next run: the previous run's credits are not shown as if they were this one's.
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'And the P2s?{Enter}')
    expect(await screen.findByText('… · 6 in this chat', {}, timeout)).toBeTruthy()
    expect(screen.queryByText(/6 credits/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    expect(await screen.findByText('Stopped · 6 in this chat', {}, timeout)).toBeTruthy()
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Once more{Enter}')
    expect(await screen.findByText('6 credits · 3.2 s · 12 in this chat', {}, timeout)).toBeTruthy()
  })

  test('suggestion chips in the empty state send their question', async () => {
    const bodies: unknown[] = []
    const agent = createMockAgent({
      scenario: 'plain',
      onRequest: (request) => void request.json().then((body) => bodies.push(body)),
    })
    render(<AgentChat fetch={agent.fetch} suggestions={['Check the open bugs', 'Find a slot']} />)
    const chips = screen.getByRole('list', { name: 'Suggestions' })
    expect(
      within(chips)
        .getAllByRole('button')
        .map((chip) => chip.textContent),
    ).toEqual(['Check the open bugs', 'Find a slot'])
    await userEvent.setup().click(within(chips).getByRole('button', { name: 'Find a slot' }))
    expect(await screen.findByText('1 credit · 912 ms', {}, timeout)).toBeTruthy()
    expect(screen.queryByRole('list', { name: 'Suggestions' })).toBeNull()
    await waitFor(() => expect(bodies).toHaveLength(1))
    expect(bodies[0]).toMatchObject({ query: 'Find a slot' })
    expect(agent.requests).toBe(1)
  })

  test('theme, title and class name reach the root', () => {
    render(<AgentChat theme="dark" title="Support" className="my-chat" />)
    const chat = screen.getByRole('region', { name: 'Support' })
    expect(chat.dataset.theme).toBe('dark')
    expect(chat.className).toBe('auteryn-root auteryn-chat my-chat')
    expect(screen.getByRole('heading', { name: 'Support' })).toBeTruthy()
  })
})

describe('AgentChat error banners', () => {
  test('401: the server key was rejected, nothing to retry', async () => {
    chatWith('unauthorized')
    await ask()
    await expectSaidOnce('The assistant is unavailable right now. Please try again later.', 0)
  })

  test('402: out of credits, with Retry', async () => {
    chatWith('out-of-credits')
    await ask()
    await expectSaidOnce(
      'This workspace is out of credits. Ask its owner to add credits, then retry.',
      1,
    )
  })

  test('429: heard once in the kit\'s words; the server\'s fixed "retry in 2 seconds" is neither heard nor shown', async () => {
    chatWith('rate-limited')
    await ask()
    await expectSaidOnce('Too many requests. You can retry in 2 seconds.', 1)
    expect(screen.queryAllByText(/Too many runs/)).toEqual([])
    // On screen, one countdown, beside Retry.
    expect(
      screen
        .getAllByText(/retry in/)
        .filter((element) => !element.closest('[role="alert"]'))
        .map((element) => element.textContent),
    ).toEqual(['Too many requests. You can retry in 2 seconds.'])
  })

  test('429: the countdown ticks on screen and in Retry\'s description, never in a live region; "retry now" is heard once', async () => {
    // Only the countdown's clock is fake: the request, its stream and React run on real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    try {
      const tooMany = () =>
        Promise.resolve(
          Response.json(
            { error: 'Too many runs; retry in 2 seconds.' },
            { status: 429, headers: { 'Retry-After': '30' } },
          ),
        )
      render(<AgentChat fetch={tooMany} />)
      await ask()
      const arrival = 'Too many requests. You can retry in 30 seconds.'
      await expectSaidOnce(arrival, 1)
      const retry = screen.getByRole('button', { name: 'Retry' })
      for (let second = 29; second > 0; second--) {
        act(() => vi.advanceTimersByTime(1000))
        const left = `Too many requests. You can retry in ${second} ${second === 1 ? 'second' : 'seconds'}.`
        expect(screen.getByRole('button', { name: 'Retry', description: left })).toBe(retry)
        expect(liveRegionTexts()).toEqual([arrival])
      }
      act(() => vi.advanceTimersByTime(1000))
      expect(retry.getAttribute('aria-disabled')).toBeNull()
      expect(liveRegionTexts()).toEqual(['You can retry now.'])
    } finally {
      vi.useRealTimers()
    }
  })

  test('429: Retry is reached by keyboard while waiting, does nothing until Retry-After, then sends exactly one POST', async () => {
    const agent = chatWith('rate-limited')
    const user = await ask()
    await screen.findByRole('alert', {}, timeout)
    const retry = screen.getByRole('button', { name: 'Retry' })
    expect(retry.getAttribute('aria-disabled')).toEqual('true')
    // From the message box, back over Dismiss to Retry.
    screen.getByRole('textbox', { name: 'Message' }).focus()
    await user.tab({ shift: true })
    await user.tab({ shift: true })
    expect(document.activeElement).toBe(retry)
    await user.keyboard('{Enter}')
    expect(agent.requests).toBe(1)
    await waitFor(() => expect(retry.getAttribute('aria-disabled')).toBeNull(), { timeout: 5_000 })
    expect(
      screen.getByRole('button', {
        name: 'Retry',
        description: 'Too many requests. You can retry now.',
      }),
    ).toBe(retry)
    expect(agent.requests).toBe(1)
    await user.keyboard('{Enter}')
    await waitFor(() => expect(agent.requests).toBe(2), timeout)
    // Rate limited again: a fresh banner, heard afresh, with a fresh countdown.
    await expectSaidOnce('Too many requests. You can retry in 2 seconds.', 1)
    expect(agent.requests).toBe(2)
  })

  test('network failure: heard once; Retry sends exactly one new POST', async () => {
    let posts = 0
    const offline = () => {
      posts++
      return Promise.reject(new TypeError('Failed to fetch'))
    }
    render(<AgentChat fetch={offline} />)
    const user = await ask()
    const alert = await screen.findByRole('alert', {}, timeout)
    expect(liveRegionTexts()).toEqual([
      'Could not reach the assistant. Check your connection, then retry.',
    ])
    expect(alert.textContent).toEqual(liveRegionTexts()[0])
    expect(posts).toBe(1)
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    await screen.findByRole('alert', {}, timeout)
    await waitFor(() => expect(posts).toBe(2))
    // Nothing retries by itself.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(posts).toBe(2)
  })

  test('interrupted stream: keeps the partial answer, clears "Agent is responding", and Retry sends exactly one new POST', async () => {
    // Paced so the answer is seen streaming, and "Agent is responding" said, before it breaks.
    const agent = chatWith('disconnect', { chunkDelayMs: 40 })
    const user = await ask()
    await waitFor(() => expect(liveRegionTexts()).toEqual(['Agent is responding']), timeout)
    await expectSaidOnce(
      'The answer was cut off before it finished. Retry to ask again.',
      1,
      'cut off',
    )
    const answer = screen.getByRole('article', { name: 'Agent' })
    expect(answer.textContent?.length).toBeGreaterThan(20)
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(agent.requests).toBe(2), timeout)
    await screen.findByRole('alert', {}, timeout)
    // The retried answer replaced the failed one.
    expect(screen.getAllByRole('article', { name: 'Agent' })).toHaveLength(1)
    expect(agent.requests).toBe(2)
  })

  test('a failed run event: says why, once, with Retry', async () => {
    chatWith('run-failed')
    await ask()
    await expectSaidOnce(
      'The assistant could not finish this answer. Retry to ask again.',
      1,
      'cut off',
    )
  })

  test('server error: says so, once, with Retry; Dismiss hides the banner', async () => {
    chatWith('server-error')
    const user = await ask()
    await expectSaidOnce('The assistant ran into a problem. Retry in a moment.', 1)
    await user.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
    // Dismissed means gone: no second copy of the error or its Retry appears in the thread.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(screen.queryByText('This answer did not finish.')).toBeNull()
  })

  test("the developer's detail goes to onError and, in development, the console; never to the banner", async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const onError = vi.fn()
    try {
      const agent = createMockAgent({ scenario: 'out-of-credits' })
      render(<AgentChat fetch={agent.fetch} onError={onError} />)
      await ask()
      const alert = await screen.findByRole('alert', {}, timeout)
      expect(onError).toHaveBeenCalledTimes(1)
      const error = onError.mock.calls[0]![0]
      expect(error).toMatchObject({ kind: 'http', status: 402 })
      expect(error.message).not.toBe('')
      expect(warn).toHaveBeenCalledWith('[auteryn] The run failed:', error.toJSON())
      expect(alert.textContent).not.toContain(error.message)
      expect(alert.textContent).not.toMatch(/402|HTTP/)
    } finally {
      vi.unstubAllEnvs()
      warn.mockRestore()
    }
  })

  test('labels word the failure that is heard', async () => {
    const agent = createMockAgent({ scenario: 'out-of-credits' })
    render(<AgentChat fetch={agent.fetch} labels={{ errorOutOfCredits: 'Plus de crédits.' }} />)
    await ask()
    await expectSaidOnce('Plus de crédits.', 1)
  })
})
