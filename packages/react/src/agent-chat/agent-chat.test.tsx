import { StrictMode } from 'react'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createMockAgent, type ScenarioName } from '@auteryn/testing'
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

function chatWith(scenario: ScenarioName) {
  const agent = createMockAgent({ scenario })
  render(
    <StrictMode>
      <AgentChat fetch={agent.fetch} />
    </StrictMode>,
  )
  return agent
}

/** The failure is said once: in the banner, with at most one Retry; the answer only notes it. */
function expectSaidOnce(banner: HTMLElement, retries: 0 | 1) {
  expect(screen.getAllByRole('alert')).toEqual([banner])
  expect(screen.queryAllByRole('button', { name: 'Retry' })).toHaveLength(retries)
  if (retries === 1) expect(within(banner).getByRole('button', { name: 'Retry' })).toBeTruthy()
  const failed = screen.getAllByRole('article', { name: 'Agent' }).at(-1)!
  expect(within(failed).getByText('This answer did not finish.')).toBeTruthy()
  expect(failed.querySelector('.auteryn-message-error')).toBeNull()
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
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toContain(
      "The server's API key was rejected. Check AUTERYN_API_KEY on the server.",
    )
    expectSaidOnce(banner, 0)
  })

  test('402: out of credits, with Retry', async () => {
    chatWith('out-of-credits')
    await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toContain(
      'Out of credits. Add credits to your Auteryn account, then retry.',
    )
    expectSaidOnce(banner, 1)
  })

  test('429: one countdown, in the banner; the server\'s fixed "retry in 2 seconds" is not shown', async () => {
    chatWith('rate-limited')
    await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toContain('Rate limited. You can retry in 2 s.')
    expectSaidOnce(banner, 1)
    // What is on screen; the hidden live region's one "Response failed: …" is left as it was.
    const visible = (text: RegExp) =>
      screen.queryAllByText(text).filter((element) => !element.closest('[role="status"]'))
    expect(visible(/retry in/i)).toEqual([within(banner).getByText(/retry in/i)])
    expect(visible(/Too many runs/)).toEqual([])
  })

  test('429: Retry is reached by keyboard while waiting, does nothing until Retry-After, then sends exactly one POST', async () => {
    const agent = chatWith('rate-limited')
    const user = await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    const retry = within(banner).getByRole('button', { name: 'Retry' })
    expect(retry.getAttribute('aria-disabled')).toEqual('true')
    // From the message box, back over Dismiss to Retry.
    screen.getByRole('textbox', { name: 'Message' }).focus()
    await user.tab({ shift: true })
    await user.tab({ shift: true })
    expect(document.activeElement).toBe(retry)
    await user.keyboard('{Enter}')
    expect(agent.requests).toBe(1)
    await waitFor(() => expect(retry.getAttribute('aria-disabled')).toBeNull(), { timeout: 5_000 })
    expect(banner.textContent).toContain('Rate limited. You can retry now.')
    expect(agent.requests).toBe(1)
    await user.keyboard('{Enter}')
    await waitFor(() => expect(agent.requests).toBe(2), timeout)
    // Rate limited again: a fresh banner with a fresh countdown.
    expect((await screen.findByRole('alert', {}, timeout)).textContent).toContain('retry in 2 s')
    expect(agent.requests).toBe(2)
  })

  test('network failure: Retry sends exactly one new POST', async () => {
    let posts = 0
    const offline = () => {
      posts++
      return Promise.reject(new TypeError('Failed to fetch'))
    }
    render(<AgentChat fetch={offline} />)
    const user = await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toContain(
      'Could not reach the server. Check your connection, then retry.',
    )
    expect(posts).toBe(1)
    await user.click(within(banner).getByRole('button', { name: 'Retry' }))
    await screen.findByRole('alert', {}, timeout)
    await waitFor(() => expect(posts).toBe(2))
    // Nothing retries by itself.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(posts).toBe(2)
  })

  test('interrupted stream: keeps the partial answer and Retry sends exactly one new POST', async () => {
    const agent = chatWith('disconnect')
    const user = await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toContain(
      'The answer was cut off before it finished. Retry to ask again.',
    )
    const answer = screen.getByRole('article', { name: 'Agent' })
    expect(answer.textContent?.length).toBeGreaterThan(20)
    expectSaidOnce(banner, 1)
    await user.click(within(banner).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(agent.requests).toBe(2), timeout)
    await screen.findByRole('alert', {}, timeout)
    // The retried answer replaced the failed one.
    expect(screen.getAllByRole('article', { name: 'Agent' })).toHaveLength(1)
    expect(agent.requests).toBe(2)
  })

  test('a failed run event: says why, with Retry', async () => {
    chatWith('run-failed')
    await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toMatch(/^The agent could not finish: /)
    expectSaidOnce(banner, 1)
  })

  test('server error: says so, with Retry; Dismiss hides the banner', async () => {
    chatWith('server-error')
    const user = await ask()
    const banner = await screen.findByRole('alert', {}, timeout)
    expect(banner.textContent).toContain('The agent service failed (HTTP 500). Retry in a moment.')
    expectSaidOnce(banner, 1)
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
    // Dismissed means gone: no second copy of the error or its Retry appears in the thread.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(screen.getByText('This answer did not finish.')).toBeTruthy()
  })
})
