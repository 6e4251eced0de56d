import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import type { AssistantMessage, Message, MessageFeedback } from '@auteryn/client'
import { ChatThread } from '../chat-thread/chat-thread'

const answer = (
  id: string,
  text: string,
  extra: Partial<AssistantMessage> = {},
): AssistantMessage => ({
  id,
  role: 'assistant',
  runId: `run-${id}`,
  status: 'complete',
  creditsUsed: 6,
  parts: [{ kind: 'text', text }],
  ...extra,
})

const versioned: Message[] = [
  { id: 'u1', role: 'user', text: 'Which P1 bugs are open?' },
  answer('a1', 'There are **3** open P1 bugs: #482, #479 and #475.', {
    versions: [
      {
        question: 'Which bugs are open?',
        answer: answer('v1', 'There are 41 open bugs; 3 of them are P1.'),
      },
      {
        question: 'Which P1 bugs are open?',
        answer: answer(
          'v2',
          'Three: the Safari checkout bug, blank invoice totals and a login loop.',
        ),
      },
    ],
  }),
]

/** The thread with its own state, as `<AgentChat>` keeps feedback in the store. */
function WithFeedback({ initial }: { initial: Message[] }) {
  const [messages, setMessages] = useState(initial)
  const rate = (message: AssistantMessage, feedback: MessageFeedback | undefined) =>
    setMessages((current) =>
      current.map((other) => (other.id === message.id ? { ...message, feedback } : other)),
    )
  return <ChatThread messages={messages} actions={{}} onFeedback={rate} onRegenerate={fn()} />
}

const meta = {
  title: 'Components/MessageActions',
  component: ChatThread,
  args: { messages: versioned, actions: {}, onRegenerate: fn(), onEdit: fn(), onFeedback: fn() },
  decorators: [
    (Story) => (
      <div style={{ height: 460, maxWidth: 720, display: 'flex' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ChatThread>

export default meta
type Story = StoryObj<typeof meta>

export const RegenerateVersions: Story = {
  play: async ({ args, canvas }) => {
    await expect(canvas.getByText('3/3')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Previous version' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Previous version' }))
    await expect(canvas.getByText('1/3')).toBeVisible()
    await expect(canvas.getByText('Which bugs are open?')).toBeVisible()
    await expect(canvas.getByText(/41 open bugs/)).toBeVisible()
    await expect(canvas.getByText(/The agent has seen every version/)).toBeVisible()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.getByText('1/3')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }))
    await expect(args.onRegenerate).toHaveBeenCalledWith('a1')
  },
}

export const EditQuestion: Story = {
  play: async ({ args, canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }))
    const editor = canvas.getByRole('textbox', { name: 'Edit question' })
    await expect(editor).toHaveFocus()
    await userEvent.type(editor, ' Only the frontend.{Enter}')
    await expect(args.onEdit).toHaveBeenCalledWith(
      'u1',
      'Which P1 bugs are open? Only the frontend.',
    )
  },
}

export const FeedbackGiven: Story = {
  render: () => (
    <WithFeedback
      initial={[
        { id: 'u1', role: 'user', text: 'Which P1 bugs are open?' },
        answer('a1', 'There are **3** open P1 bugs.', {
          feedback: { rating: 'down', comment: 'It missed #471.' },
        }),
      ]}
    />
  ),
  play: async ({ canvas }) => {
    const down = canvas.getByRole('button', { name: 'Bad answer' })
    await expect(down).toHaveAttribute('aria-pressed', 'true')
    await expect(canvas.getByText('Thanks for the feedback.')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Good answer' }))
    const comment = canvas.getByRole('textbox', { name: 'What could be better? (optional)' })
    await userEvent.type(comment, 'Clear and short.')
    await userEvent.click(canvas.getByRole('button', { name: 'Send feedback' }))
    await expect(canvas.getByRole('button', { name: 'Good answer' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  },
}

export const KeyboardOnly: Story = {
  args: { messages: versioned.slice(0, 1).concat(answer('a1', 'Three.')) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    // Tab from the conversation reaches every action in order.
    canvas.getByRole('log').focus()
    const names: string[] = []
    for (let index = 0; index < 6; index++) {
      await userEvent.tab()
      names.push(
        document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.textContent ??
          '',
      )
    }
    await expect(names).toEqual([
      'Edit',
      'Copy as Markdown',
      'Copy as text',
      'Regenerate',
      'Good answer',
      'Bad answer',
    ])
  },
}

export const ActionsOff: Story = {
  args: { actions: { copy: false, regenerate: false, edit: false, feedback: false } },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('button', { name: /Copy|Regenerate|Edit|answer/ })).toBeNull()
    // Versions stay reachable: they are the conversation, not an action.
    await expect(canvas.getByRole('button', { name: 'Previous version' })).toBeVisible()
  },
}

export const RightToLeft: Story = {
  args: {
    dir: 'rtl',
    messages: [
      { id: 'u1', role: 'user', text: 'מהם הבאגים הפתוחים?' },
      answer('a1', 'יש **שלושה** באגים פתוחים.', {
        versions:
          versioned[1]!.role === 'assistant' ? (versioned[1] as AssistantMessage).versions : [],
      }),
    ],
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => <WithFeedback initial={versioned} />,
}
