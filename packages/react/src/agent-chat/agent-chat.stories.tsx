import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createConversationStore, type Conversation } from '@auteryn/client'
import { createMockAgent, type MockAgentOptions, type ScenarioName } from '@auteryn/testing'
import { liveRegionTexts } from '../status-region/live-regions'
import { AgentChat, type AgentChatProps } from './agent-chat'
import { recordConversation } from './story-recording'

/*
 * Every story runs the real hook and transport against the mock agent as its `fetch`: what a
 * user sees here is what they would see against the API, without a key or credits.
 */
/** The question each story's agent answers in its docs recording (`parameters.question`). */
const defaultQuestion = 'Any open P1 bugs?'

/** The chat on a store that already holds `conversation`, when there is one. */
function RecordedChat({
  conversation,
  ...props
}: AgentChatProps & { conversation?: Conversation }) {
  const [store] = useState(() => {
    if (!conversation) return undefined
    const recorded = createConversationStore()
    recorded.setState(conversation, true)
    return recorded
  })
  return <AgentChat {...props} store={props.store ?? store} />
}

const meta = {
  title: 'Chat/AgentChat',
  component: AgentChat,
  // Docs pages do not run play functions: there each story shows the conversation its own agent
  // gives (recorded once through the real client and reducer) instead of an empty chat. Stories
  // run as tests start empty and play it live.
  loaders: [
    async ({ args, viewMode, parameters }) =>
      (viewMode === 'docs' || parameters.recorded === true) && args.fetch
        ? {
            conversation: await recordConversation(
              args.fetch,
              typeof parameters.question === 'string' ? parameters.question : defaultQuestion,
            ),
          }
        : {},
  ],
  render: (args, { loaded }) => <RecordedChat {...args} conversation={loaded.conversation} />,
  decorators: [
    (Story) => (
      <div style={{ height: 600, maxWidth: 760 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof AgentChat>

export default meta
type Story = StoryObj<typeof meta>

const timeout = { timeout: 10_000 }

function agent(scenario: ScenarioName, options: MockAgentOptions = {}) {
  return createMockAgent({ scenario, chunkDelayMs: 2, ...options }).fetch
}

type Canvas = ReturnType<typeof within>

async function ask(canvas: Canvas, question = 'Any open P1 bugs?') {
  await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), `${question}{Enter}`)
}

/** The alert: the one thing a screen reader is told about the failure, in the banner's words. */
async function expectBanner(canvas: Canvas, text: string | RegExp) {
  const alert = await canvas.findByRole('alert', {}, timeout)
  await waitFor(() => expect(alert).toHaveTextContent(text), timeout)
  return alert
}

/** The colour a theme token resolves to inside `element`, as computed styles spell colours. */
function tokenColor(element: Element, token: string) {
  const probe = element.appendChild(document.createElement('span'))
  probe.style.color = `var(--auteryn-${token})`
  const color = getComputedStyle(probe).color
  probe.remove()
  return color
}

const expectBadge = (canvas: Canvas, text: RegExp) => canvas.findByText(text, {}, timeout)

/**
 * The failure is said once: heard once, in the alert's words; at most one Retry. An answer cut
 * off only notes it did not finish; one that never started leaves nothing under the question.
 */
async function expectSaidOnce(
  canvas: Canvas,
  canvasElement: HTMLElement,
  alert: HTMLElement,
  retries: 0 | 1,
  answer: 'never started' | 'cut off' = 'never started',
) {
  await expect(liveRegionTexts(canvasElement)).toEqual([alert.textContent])
  await expect(canvas.queryAllByRole('button', { name: 'Retry' })).toHaveLength(retries)
  const thread = canvas.getByRole('log', { name: 'Conversation' })
  const last = within(thread).getAllByRole('article').at(-1)!
  if (answer === 'never started') {
    await expect(last).toHaveAccessibleName('You')
    await expect(within(thread).queryByText('This answer did not finish.')).toBeNull()
    return
  }
  await expect(within(last).getByText('This answer did not finish.')).toBeVisible()
  await expect(last.querySelector('.auteryn-message-error')).toBeNull()
}

export const Plain: Story = {
  args: { fetch: agent('plain') },
  play: async ({ canvas }) => {
    await ask(canvas, 'What can you do?')
    await expect(await canvas.findByText(/stream their text/, {}, timeout)).toBeVisible()
    await expect(await expectBadge(canvas, /^1 credit · /)).toBeVisible()
  },
}

export const Tools: Story = {
  args: { fetch: agent('tools') },
  play: async ({ canvas }) => {
    await ask(canvas)
    await expect(
      await canvas.findByRole('button', { name: /github\.list_issues/ }, timeout),
    ).toBeVisible()
    await expect(await canvas.findByText(/Want me to ping the team/, {}, timeout)).toBeVisible()
    await expect(await expectBadge(canvas, /^6 credits · /)).toBeVisible()
  },
}

export const ParallelTools: Story = {
  args: { fetch: agent('parallel-tools') },
  play: async ({ canvas }) => {
    await ask(canvas, 'Search the latest release notes')
    await waitFor(
      () => expect(canvas.getAllByRole('button', { name: /search\.web/ })).toHaveLength(3),
      timeout,
    )
    await expect(await expectBadge(canvas, /^9 credits · /)).toBeVisible()
  },
}

export const Markdown: Story = {
  args: { fetch: agent('markdown') },
  play: async ({ canvas }) => {
    await ask(canvas, 'Plan the release')
    await expect(
      await canvas.findByRole('heading', { name: 'Release checklist' }, timeout),
    ).toBeVisible()
    await expect(await canvas.findByRole('table', {}, timeout)).toBeVisible()
    await expect(await expectBadge(canvas, /^2 credits · /)).toBeVisible()
  },
}

export const Slow: Story = {
  args: { fetch: agent('slow', { slowDelayMs: 25 }) },
  play: async ({ canvas }) => {
    await ask(canvas)
    await expect(await canvas.findByRole('button', { name: 'Stop' }, timeout)).toBeVisible()
    await expect(
      await canvas.findByRole('button', { name: /github\.list_issues/ }, timeout),
    ).toBeVisible()
    await expect(await expectBadge(canvas, /^6 credits · /)).toBeVisible()
  },
}

export const StopKeepsThePartialAnswer: Story = {
  args: { fetch: agent('slow', { slowDelayMs: 120 }) },
  play: async ({ canvas }) => {
    await ask(canvas)
    await canvas.findByText(/Let me check/, {}, timeout)
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    const thread = canvas.getByRole('log', { name: 'Conversation' })
    await expect(await within(thread).findByText('Stopped', {}, timeout)).toBeVisible()
    await expect(within(thread).getByText(/Let me check/)).toBeVisible()
    // The badge says the run stopped, with no credits for it.
    await expect(canvas.getByText('Stopped', { selector: '.auteryn-credit-badge' })).toBeVisible()
    await expect(canvas.getByRole('region', { name: 'Agent chat' })).toHaveAttribute(
      'data-state',
      'idle',
    )
  },
}

export const Long: Story = {
  args: { fetch: agent('long', { chunkDelayMs: 0 }) },
  play: async ({ canvas }) => {
    await ask(canvas, 'Write the readiness review')
    await expect(await expectBadge(canvas, /^12 credits · /)).toBeVisible()
    await expect(
      canvas.getByRole('heading', { name: 'Production readiness review' }),
    ).toBeInTheDocument()
  },
}

export const Hostile: Story = {
  args: { fetch: agent('hostile') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas, 'Find me some links')
    await expect(await expectBadge(canvas, /^4 credits · /)).toBeVisible()
    await expect(canvas.getByRole('button', { name: /search\.web/ })).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'docs' })).toHaveAttribute(
      'href',
      'https://docs.acme.dev/',
    )
    await expect(canvas.queryByRole('link', { name: 'click' })).toBeNull()
    await expect(canvasElement.querySelector('script, iframe, img[onerror]')).toBeNull()
  },
}

export const Unauthorized: Story = {
  name: '401 Unauthorized',
  args: { fetch: agent('unauthorized') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas)
    const banner = await expectBanner(
      canvas,
      'The assistant is unavailable right now. Please try again later.',
    )
    await expectSaidOnce(canvas, canvasElement, banner, 0)
  },
}

export const OutOfCredits: Story = {
  name: '402 Out of credits',
  args: { fetch: agent('out-of-credits') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas)
    const banner = await expectBanner(canvas, /^This workspace is out of credits\./)
    await expectSaidOnce(canvas, canvasElement, banner, 1)
  },
}

export const RateLimited: Story = {
  name: '429 Rate limited',
  args: { fetch: agent('rate-limited') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas)
    const alert = await expectBanner(canvas, 'Too many requests. You can retry in 2 seconds.')
    await expectSaidOnce(canvas, canvasElement, alert, 1)
    // On screen, one countdown, beside Retry; the server's own fixed wait is not shown.
    const retry = canvas.getByRole('button', { name: 'Retry' })
    await expect(
      canvas.getByText(/retry in \d seconds?\./, { selector: 'p:not([role])' }),
    ).toBeVisible()
    await expect(canvas.queryByText(/Too many runs/)).toBeNull()
    await expect(retry).toHaveAttribute('aria-disabled', 'true')
    await expect(retry).toHaveAccessibleDescription(
      /^Too many requests\. You can retry in \d seconds?\.$/,
    )
    // Waiting is neutral (the text colour); Retry, once it works, is the accent.
    const box = retry.closest('.auteryn-error-banner')!
    await expect(getComputedStyle(box).color).toBe(tokenColor(box, 'text'))
    await waitFor(() => expect(retry).not.toHaveAttribute('aria-disabled'), timeout)
    await expect(getComputedStyle(box).color).toBe(tokenColor(box, 'accent'))
    await expect(retry).toHaveAccessibleDescription('Too many requests. You can retry now.')
    // Said once when ready; the arrival wording is gone, so the page holds no stale wait.
    await expect(liveRegionTexts(canvasElement)).toEqual(['You can retry now.'])
  },
}

export const ServerError: Story = {
  name: '500 Server error',
  args: { fetch: agent('server-error') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas)
    const banner = await expectBanner(
      canvas,
      'The assistant ran into a problem. Retry in a moment.',
    )
    await expectSaidOnce(canvas, canvasElement, banner, 1)
  },
}

export const Disconnect: Story = {
  args: { fetch: agent('disconnect') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas)
    const banner = await expectBanner(canvas, /^The answer was cut off/)
    await expect(canvas.getByText(/deployment logs/)).toBeVisible()
    await expectSaidOnce(canvas, canvasElement, banner, 1, 'cut off')
  },
}

export const NoCompletion: Story = {
  args: { fetch: agent('no-completion') },
  play: async ({ canvas }) => {
    await ask(canvas)
    await expectBanner(canvas, /^The answer was cut off/)
    await expect(canvas.getByText(/the load balancer/)).toBeVisible()
  },
}

export const Malformed: Story = {
  args: { fetch: agent('malformed') },
  play: async ({ canvas }) => {
    await ask(canvas)
    await expect(await expectBadge(canvas, /^2 credits · /)).toBeVisible()
    await expect(
      canvas.getByText(/first half of the answer, and here is the second half/),
    ).toBeVisible()
  },
}

export const UnknownEvent: Story = {
  args: { fetch: agent('unknown-event') },
  play: async ({ canvas }) => {
    await ask(canvas)
    await expect(await expectBadge(canvas, /^2 credits · /)).toBeVisible()
    await expect(canvas.getByText(/No tool needed/)).toBeVisible()
    await expect(canvas.queryByText(/Deciding whether/)).toBeNull()
  },
}

export const RunFailed: Story = {
  args: { fetch: agent('run-failed') },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas)
    const banner = await expectBanner(
      canvas,
      'The assistant could not finish this answer. Retry to ask again.',
    )
    await expectSaidOnce(canvas, canvasElement, banner, 1, 'cut off')
    await expect(canvas.getByRole('button', { name: /search\.web/ })).toBeVisible()
  },
}

export const EmptyWithSuggestions: Story = {
  args: {
    fetch: agent('tools'),
    title: 'Support',
    suggestions: ['Any open P1 bugs?', 'Find a meeting slot with Mara', 'Search the latest news'],
  },
  play: async ({ canvas }) => {
    const chips = canvas.getByRole('list', { name: 'Suggestions' })
    await userEvent.click(within(chips).getByRole('button', { name: 'Any open P1 bugs?' }))
    await expect(
      await canvas.findByRole('button', { name: /github\.list_issues/ }, timeout),
    ).toBeVisible()
    await expect(canvas.queryByRole('list', { name: 'Suggestions' })).toBeNull()
  },
}

export const Dark: Story = {
  args: { fetch: agent('tools'), theme: 'dark', suggestions: ['Any open P1 bugs?'] },
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await ask(canvas)
    await expect(await expectBadge(canvas, /^6 credits · /)).toBeVisible()
    await expect(canvas.getByRole('region', { name: 'Agent chat' })).toHaveAttribute(
      'data-theme',
      'dark',
    )
  },
}

/** What a docs page shows: the conversation recorded from the story's agent, before any play. */
export const RecordedForDocs: Story = {
  args: { fetch: agent('tools') },
  parameters: { recorded: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(defaultQuestion)).toBeVisible()
    await expect(canvas.getByRole('button', { name: /github\.list_issues/ })).toBeVisible()
    await expect(canvas.getByText(/Want me to ping the team/)).toBeVisible()
    await expect(canvas.getByText('6 credits · 3.2 s')).toBeVisible()
    await expect(canvas.queryByText('Start a conversation')).toBeNull()
  },
}
