import { useEffect, useMemo, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor } from 'storybook/test'
import type { Message } from '@auteryn/client'
import { ChatThread, type ChatThreadProps } from './chat-thread'
import {
  answer,
  conversation,
  hostileAnswer,
  longAnswer,
  manyMessages,
  toolPart,
  user,
} from './story-fixtures'

const meta = {
  title: 'Components/ChatThread',
  component: ChatThread,
  args: { messages: conversation, status: 'idle' },
  argTypes: {
    status: { control: 'inline-radio', options: ['idle', 'submitted', 'streaming', 'error'] },
  },
  decorators: [
    (Story) => (
      <div style={{ height: 560, display: 'flex', flexDirection: 'column' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ChatThread>

export default meta
type Story = StoryObj<typeof meta>

export const Empty: Story = { args: { messages: [] } }

export const OneAnswer: Story = {}

export const LongMarkdownAnswer: Story = {
  args: { messages: [user('u1', 'Which P1 bugs should we fix first?'), answer('a1', longAnswer)] },
}

const question = user('u1', 'Which P1 bugs should we fix first?')

/** Appends the long answer a few characters at a time, as a stream would. */
function StreamingThread(props: ChatThreadProps) {
  const [length, setLength] = useState(1)
  useEffect(() => {
    const timer = setInterval(() => {
      setLength((current) => Math.min(current + 9, longAnswer.length))
    }, 50)
    return () => clearInterval(timer)
  }, [])
  const done = length >= longAnswer.length
  const messages = useMemo<Message[]>(
    () => [
      question,
      answer('a1', longAnswer.slice(0, length), { status: done ? 'complete' : 'streaming' }),
    ],
    [length, done],
  )
  return <ChatThread {...props} messages={messages} status={done ? 'idle' : 'streaming'} />
}

export const StreamingAnswer: Story = {
  render: (args) => <StreamingThread {...args} />,
  play: async ({ canvas }) => {
    const answerArticle = () => canvas.getByRole('article', { name: 'Agent' })
    const before = answerArticle().textContent?.length ?? 0
    await waitFor(() => expect(answerArticle().textContent?.length).toBeGreaterThan(before + 20))
    await expect(answerArticle()).toHaveAttribute('data-state', 'streaming')
  },
}

export const ParallelCallsOfOneTool: Story = {
  args: {
    status: 'streaming',
    messages: [
      user('u1', 'Summarise issues 475, 479 and 482.'),
      answer('a1', '', {
        status: 'streaming',
        parts: [
          { kind: 'text', text: 'Fetching the three issues at once.' },
          toolPart('a1:tool:1', { action: 'get_issue', params: { number: 475 }, state: 'done' }),
          toolPart('a1:tool:2', {
            action: 'get_issue',
            params: { number: 479 },
            state: 'running',
            result: undefined,
          }),
          toolPart('a1:tool:3', {
            action: 'get_issue',
            params: { number: 482 },
            state: 'running',
            result: undefined,
          }),
        ],
      }),
    ],
  },
}

export const OrphanResult: Story = {
  args: {
    messages: [
      user('u1', 'How many open issues?'),
      answer('a1', '', {
        parts: [
          toolPart('a1:tool:0', { action: undefined, params: undefined, result: { count: 12 } }),
          { kind: 'text', text: 'There are **12** open issues.' },
        ],
      }),
    ],
  },
}

export const HostileAnswer: Story = {
  args: { messages: [user('u1', 'Summarise this web page for me.'), answer('a1', hostileAnswer)] },
  play: async ({ canvas }) => {
    const log = canvas.getByRole('log')
    await expect(log.querySelector('script')).toBeNull()
    await expect(log.querySelector('img')).toBeNull()
    await expect((window as { __auterynPwned?: boolean }).__auterynPwned).toBeUndefined()
    await expect(canvas.getByText('Claim your prize').closest('a')).toBeNull()
    await expect(canvas.getByText('Also this').closest('a')).toBeNull()
    await expect(log.querySelectorAll('a[href^="javascript" i], a[href^="data" i]')).toHaveLength(0)
    await expect(canvas.getByText('Image not loaded: tracking pixel')).toBeInTheDocument()
    const requests = performance.getEntriesByType('resource').map((entry) => entry.name)
    await expect(requests.filter((name) => name.includes('tracker.example'))).toEqual([])
  },
}

export const Errors: Story = {
  args: {
    onRetry: fn(),
    status: 'error',
    messages: [
      user('u1', 'Draft the release notes.'),
      answer('a1', 'Here is a first draft:\n\n## Highlights\n\n- Faster', {
        status: 'interrupted',
        error: { kind: 'interrupted', message: 'The answer was cut off before it finished.' },
      }),
      user('u2', 'Try again please.'),
      answer('a2', '', {
        parts: [],
        status: 'error',
        error: { kind: 'http', status: 402, message: 'Out of credits. Add credits, then retry.' },
      }),
      user('u3', 'Once more?'),
      answer('a3', '', {
        parts: [],
        status: 'error',
        error: { kind: 'http', status: 401, message: "The server's API key was rejected." },
      }),
      user('u4', 'And now?'),
      answer('a4', 'Starting…', {
        status: 'stopped',
      }),
    ],
  },
  play: async ({ args, canvas }) => {
    const retries = canvas.getAllByRole('button', { name: 'Retry' })
    await expect(retries).toHaveLength(3)
    await expect(retries[0]).toHaveAccessibleDescription(
      'The answer was cut off before it finished.',
    )
    await userEvent.click(retries[0]!)
    await expect(args.onRetry).toHaveBeenCalledWith('a1')
    await expect(canvas.getByText('Stopped')).toBeInTheDocument()
  },
}

/**
 * As `<AgentChat>` shows failures: its banner says why and offers Retry, so the thread only notes
 * an answer cut off, and says nothing under questions whose answer never started.
 */
export const ErrorsSaidElsewhere: Story = {
  args: { ...Errors.args, inlineErrors: false },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByText('This answer did not finish.')).toHaveLength(1)
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull()
    await expect(canvas.getByText('Stopped')).toBeInTheDocument()
  },
}

export const FiveHundredMessages: Story = {
  args: { messages: manyMessages(500) },
}

export const RightToLeft: Story = {
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar" style={{ display: 'contents' }}>
        <Story />
      </div>
    ),
  ],
  args: {
    labels: { you: 'أنت', assistant: 'الوكيل', conversation: 'المحادثة' },
    messages: [
      user('u1', 'ما هي الأخطاء المفتوحة ذات الأولوية القصوى؟'),
      answer(
        'a1',
        'وجدت **ثلاثة أخطاء** مفتوحة:\n\n1. تسجيل الدخول يتكرر بعد إعادة تعيين كلمة المرور\n2. إعادة محاولات الـ webhook\n3. ذاكرة الجلسة تتجاهل `max_age`\n\n```ts\nreturn ttl * 1000\n```',
      ),
      user('u2', 'ומה לגבי העברית?'),
      answer('a2', 'גם **עברית** נתמכת: הטקסט זורם מימין לשמאל, והקוד נשאר משמאל לימין.'),
    ],
  },
}

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  args: { messages: [user('u1', 'Which P1 bugs should we fix first?'), answer('a1', longAnswer)] },
}

export const JumpToLatest: Story = {
  args: { messages: manyMessages(40) },
  play: async ({ canvas }) => {
    const log = canvas.getByRole('log')
    await waitFor(() => expect(log.scrollTop).toBeGreaterThan(0))
    log.scrollTop = 0
    const jump = await canvas.findByRole('button', { name: 'Jump to latest' })
    await userEvent.click(jump)
    await expect(log.scrollHeight - log.scrollTop - log.clientHeight).toBeLessThan(2)
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull())
    await expect(log).toHaveFocus()
  },
}
