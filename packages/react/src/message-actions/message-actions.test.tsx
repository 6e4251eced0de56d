import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { AssistantMessage, Message } from '@auteryn/client'
import { ChatThread } from '../chat-thread/chat-thread'
import { markdownToPlainText } from './plain-text'

afterEach(cleanup)

const answer = (
  id: string,
  text: string,
  extra: Partial<AssistantMessage> = {},
): AssistantMessage => ({
  id,
  role: 'assistant',
  runId: `run-${id}`,
  status: 'complete',
  parts: [
    { kind: 'text', text },
    {
      kind: 'tool',
      id: `${id}:tool:1`,
      tool: 'github',
      action: 'list',
      params: {},
      state: 'done',
      result: { count: 3 },
    },
  ],
  ...extra,
})

const thread: Message[] = [
  { id: 'u1', role: 'user', text: 'First question' },
  answer('a1', 'First **answer**'),
  { id: 'u2', role: 'user', text: 'Second question' },
  answer('a2', 'Latest answer with a [link](https://example.com)', {
    versions: [
      { question: 'Second question, first wording', answer: answer('old', 'An *earlier* answer') },
    ],
  }),
]

const groups = () => screen.getAllByRole('group', { name: 'Message actions' })

describe('message actions', () => {
  test('none unless asked for', () => {
    render(<ChatThread messages={thread} />)
    expect(screen.queryByRole('group', { name: 'Message actions' })).toBeNull()
  })

  test('copy as Markdown and as text: the answer only, no tool card noise', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    const user = userEvent.setup()
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<ChatThread messages={thread} actions={{}} />)
    const first = within(groups()[0]!)
    await user.click(first.getByRole('button', { name: 'Copy as Markdown' }))
    await user.click(first.getByRole('button', { name: 'Copy as text' }))
    expect(writeText.mock.calls).toEqual([['First **answer**'], ['First answer']])
  })

  test('regenerate and edit only on the last answer and question, and not while running', async () => {
    const onRegenerate = vi.fn()
    const onEdit = vi.fn()
    const { rerender } = render(
      <ChatThread messages={thread} actions={{}} onRegenerate={onRegenerate} onEdit={onEdit} />,
    )
    expect(screen.getAllByRole('button', { name: 'Regenerate' })).toHaveLength(1)
    expect(screen.getAllByRole('button', { name: 'Edit' })).toHaveLength(1)
    // Before the user regenerates, the button says the agent keeps what it has seen.
    expect(screen.getByRole('button', { name: 'Regenerate' }).title).toBe(
      'Asks again in the same conversation: the agent has seen this answer.',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(onRegenerate).toHaveBeenCalledWith('a2')

    await userEvent.click(screen.getByRole('button', { name: 'Edit' }))
    const editor = screen.getByRole('textbox', { name: 'Edit question' })
    expect(screen.getByText(/The agent has seen the earlier question/)).toBeTruthy()
    await userEvent.clear(editor)
    await userEvent.type(editor, 'Second question, better{Enter}')
    expect(onEdit).toHaveBeenCalledWith('u2', 'Second question, better')

    rerender(
      <ChatThread
        messages={thread}
        status="streaming"
        actions={{}}
        onRegenerate={onRegenerate}
        onEdit={onEdit}
      />,
    )
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull()
  })

  test('Escape leaves the editor and gives the keyboard back to Edit', async () => {
    render(<ChatThread messages={thread} actions={{}} onEdit={() => {}} />)
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }))
    await userEvent.keyboard('{Escape}')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }))
  })

  test('versions page with ◀ 1/2 ▶, showing the earlier question with its answer', async () => {
    render(<ChatThread messages={thread} actions={{}} />)
    const last = within(groups().at(-1)!)
    expect(last.getByText('2/2')).toBeTruthy()
    expect(screen.getByText(/The agent has seen every version/)).toBeTruthy()
    await userEvent.click(last.getByRole('button', { name: 'Previous version' }))
    expect(within(groups().at(-1)!).getByText('1/2')).toBeTruthy()
    expect(screen.getByText('earlier')).toBeTruthy()
    expect(screen.getByText('Second question, first wording')).toBeTruthy()
    expect(screen.queryByText('Second question')).toBeNull()
    // At the first version, ◀ stays focusable but does nothing.
    const previous = within(groups().at(-1)!).getByRole('button', { name: 'Previous version' })
    expect(previous.getAttribute('aria-disabled')).toBe('true')
    await userEvent.click(previous)
    expect(within(groups().at(-1)!).getByText('1/2')).toBeTruthy()
    await userEvent.click(within(groups().at(-1)!).getByRole('button', { name: 'Next version' }))
    expect(screen.getByText('Second question')).toBeTruthy()
  })

  test('feedback: pressed state, an optional comment, taken back by pressing again', async () => {
    const onFeedback = vi.fn()
    const { rerender } = render(
      <ChatThread messages={thread} actions={{}} onFeedback={onFeedback} />,
    )
    const first = within(groups()[0]!)
    await userEvent.click(first.getByRole('button', { name: 'Bad answer' }))
    expect(onFeedback).toHaveBeenLastCalledWith(thread[1], { rating: 'down' })
    const rated = [
      thread[0]!,
      { ...(thread[1] as AssistantMessage), feedback: { rating: 'down' as const } },
      ...thread.slice(2),
    ]
    rerender(<ChatThread messages={rated} actions={{}} onFeedback={onFeedback} />)
    expect(
      within(groups()[0]!).getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed'),
    ).toBe('true')
    await userEvent.type(
      screen.getByRole('textbox', { name: 'What could be better? (optional)' }),
      'Wrong count',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Send feedback' }))
    expect(onFeedback).toHaveBeenLastCalledWith(rated[1], {
      rating: 'down',
      comment: 'Wrong count',
    })
    await userEvent.click(within(groups()[0]!).getByRole('button', { name: 'Bad answer' }))
    expect(onFeedback).toHaveBeenLastCalledWith(rated[1], undefined)
  })

  test('each action can be turned off, and custom actions added', async () => {
    const onSelect = vi.fn()
    render(
      <ChatThread
        messages={thread}
        actions={{
          copy: false,
          feedback: false,
          custom: [
            { id: 'share', label: 'Share', onSelect },
            {
              id: 'first-only',
              label: 'Only first',
              onSelect,
              when: (message) => message.id === 'a1',
            },
          ],
        }}
        onFeedback={() => {}}
      />,
    )
    expect(screen.queryByRole('button', { name: /^Copy/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Good answer' })).toBeNull()
    expect(screen.getAllByRole('button', { name: 'Only first' })).toHaveLength(1)
    await userEvent.click(within(groups().at(-1)!).getByRole('button', { name: 'Share' }))
    expect(onSelect).toHaveBeenCalledWith(thread[3])
  })
})

describe('markdownToPlainText', () => {
  test('keeps what a reader sees and drops the markup', () => {
    const markdown = [
      '# Title',
      'Some **bold**, *em*, `code` and a [link](https://x.test) &amp; more.',
      '- one\n- two',
      '1. first\n2. second',
      '```js\nconst x = 1\n```',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '> quoted',
      '<b>raw</b>',
    ].join('\n\n')
    expect(markdownToPlainText(markdown)).toBe(
      [
        'Title',
        'Some bold, em, code and a link & more.',
        '• one\n• two',
        '1. first\n2. second',
        'const x = 1',
        'a\tb\n1\t2',
        'quoted',
        '<b>raw</b>',
      ].join('\n\n'),
    )
  })

  test('an input that defeats the lexer comes back as it is', () => {
    const deep = '>'.repeat(20_000) + ' deep'
    expect(() => markdownToPlainText(deep)).not.toThrow()
  })
})
