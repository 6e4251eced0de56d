import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createMockAgent } from '@auteryn/testing'
import { AgentChatWithThreads } from './agent-chat-with-threads'

/* The real thread list, chats and transport against the mock agent; storage in memory. */
const meta = {
  title: 'Chat/AgentChatWithThreads',
  component: AgentChatWithThreads,
  args: {
    fetch: createMockAgent({ scenario: 'plain', chunkDelayMs: 2 }).fetch,
    threads: { storage: null },
  },
  decorators: [
    (Story) => (
      <div style={{ height: 620, maxWidth: 1000 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof AgentChatWithThreads>

export default meta
type Story = StoryObj<typeof meta>

const timeout = { timeout: 10_000 }
type Canvas = ReturnType<typeof within>

async function ask(canvas: Canvas, question: string) {
  await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), `${question}{Enter}`)
}

async function settled(canvasElement: HTMLElement) {
  await waitFor(
    () =>
      expect(canvasElement.querySelector('.auteryn-chat')).toHaveAttribute('data-state', 'idle'),
    timeout,
  )
}

export const ThreeConversations: Story = {
  play: async ({ canvas, canvasElement }) => {
    for (const question of ['Open P1 bugs', 'A review slot', 'Credits this week']) {
      await ask(canvas, question)
      await settled(canvasElement)
      await userEvent.click(canvas.getByRole('button', { name: 'New conversation' }))
    }
    const list = within(canvas.getByRole('navigation', { name: 'Conversations' }))
    await userEvent.click(list.getByRole('button', { name: 'A review slot' }))
    await expect(list.getByRole('button', { name: 'A review slot' })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await expect(canvas.getByRole('log')).toHaveTextContent('A review slot')
    await expect(canvas.getByRole('log')).not.toHaveTextContent('Open P1 bugs')
  },
}

export const StreamingInTheBackground: Story = {
  args: { fetch: createMockAgent({ scenario: 'slow', slowDelayMs: 120 }).fetch },
  play: async ({ canvas }) => {
    await ask(canvas, 'Check the open bugs')
    await userEvent.click(canvas.getByRole('button', { name: 'New conversation' }))
    const row = canvas.getByRole('button', { name: /^Check the open bugs/ })
    await expect(row).toHaveTextContent('Answering…')
  },
}

export const RegenerateAndFeedback: Story = {
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas, 'Explain credits')
    await settled(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }))
    await settled(canvasElement)
    await expect(canvas.getByText('2/2')).toBeVisible()
    await expect(canvas.getByRole('log')).toHaveTextContent(
      'Earlier you asked about “Explain credits”',
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Good answer' }))
    await expect(canvas.getByRole('button', { name: 'Good answer' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  },
}

export const NarrowScreenMenu: Story = {
  decorators: [
    (Story) => (
      <div style={{ height: 560, width: 380 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    const toggle = canvas.getByRole('button', { name: 'Conversations' })
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(canvasElement.querySelector('.auteryn-thread-list')).not.toBeVisible()
    await userEvent.click(toggle)
    await expect(canvas.getByRole('button', { name: 'New conversation' })).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'New conversation' }))
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toBeVisible()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { theme: 'dark' },
  play: async ({ canvas, canvasElement }) => {
    await ask(canvas, 'Open P1 bugs')
    await settled(canvasElement)
  },
}
