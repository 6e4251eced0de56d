import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { AssistantMessage, Message, ToolPart } from '@auteryn/client'
import { ChatThread, type ChatThreadProps } from './chat-thread'
import type { ToolRendererProps } from '../tool-call-card/tool-renderers'

afterEach(cleanup)

const user = (id: string, text: string): Message => ({ id, role: 'user', text })
const tool = (id: string, fields: Partial<ToolPart> = {}): ToolPart => ({
  kind: 'tool',
  id,
  tool: 'github',
  action: 'list_issues',
  params: { state: 'open' },
  state: 'done',
  result: { count: 3 },
  ...fields,
})
const answer = (id: string, fields: Partial<AssistantMessage> = {}): AssistantMessage => ({
  id,
  role: 'assistant',
  parts: [{ kind: 'text', text: `Answer ${id}` }],
  status: 'complete',
  ...fields,
})

const articles = () => within(screen.getByRole('log')).getAllByRole('article')

describe('ChatThread', () => {
  it('renders the conversation as a labelled, focusable log that does not announce', () => {
    render(<ChatThread messages={[user('u1', 'Hi'), answer('a1')]} status="idle" />)
    const log = screen.getByRole('log', { name: 'Conversation' })
    expect(log.getAttribute('aria-live')).toEqual('off')
    expect(log.tabIndex).toEqual(0)
    expect(articles().map((article) => article.getAttribute('aria-label'))).toEqual([
      'You',
      'Agent',
    ])
    expect(articles()[1]?.getAttribute('data-state')).toEqual('complete')
  })

  it('shows an empty state, the default or the one given', () => {
    const { rerender } = render(<ChatThread messages={[]} />)
    expect(screen.getByText('Start a conversation')).toBeTruthy()
    rerender(<ChatThread messages={[]} emptyState={<p>Ask me about bugs</p>} />)
    expect(screen.getByText('Ask me about bugs')).toBeTruthy()
    expect(screen.queryByText('Start a conversation')).toBeNull()
  })

  it('renders parts in arrival order with a caret on the message being written', () => {
    const streaming = answer('a1', {
      status: 'streaming',
      parts: [
        { kind: 'text', text: 'Let me check.' },
        tool('a1:tool:1'),
        { kind: 'text', text: 'Found 3' },
      ],
    })
    render(<ChatThread messages={[user('u1', 'Bugs?'), streaming]} status="streaming" />)
    const [, message] = articles()
    expect(message?.getAttribute('data-state')).toEqual('streaming')
    expect(message?.getAttribute('aria-busy')).toEqual('true')
    const body = message?.querySelector('.auteryn-message-body')
    expect([...(body?.children ?? [])].map((child) => child.textContent)).toEqual([
      'Let me check.',
      'github.list_issuesopenDone',
      'Found 3',
    ])
    expect(message?.querySelectorAll('.auteryn-caret')).toHaveLength(1)
    expect(message?.querySelector('p:last-child .auteryn-caret')).not.toBeNull()
  })

  it('shows user text as text, never markup', () => {
    const { container } = render(
      <ChatThread messages={[user('u1', '<img src=x onerror=alert(1)> **not bold**')]} />,
    )
    expect(container.querySelector('img, strong')).toBeNull()
    expect(screen.getByText('<img src=x onerror=alert(1)> **not bold**')).toBeTruthy()
  })

  it('marks stopped answers and explains failed ones, with Retry when offered', async () => {
    const onRetry = vi.fn()
    const messages = [
      answer('a1', { status: 'stopped' }),
      answer('a2', {
        status: 'interrupted',
        error: { kind: 'interrupted', message: 'The stream ended early.' },
      }),
      answer('a3', { status: 'error', error: { kind: 'http', status: 500, message: 'HTTP 500' } }),
    ]
    const { rerender } = render(<ChatThread messages={messages} />)
    expect(within(articles()[0]!).getByText('Stopped')).toBeTruthy()
    expect(within(articles()[1]!).getByText('The stream ended early.')).toBeTruthy()
    expect(within(articles()[2]!).getByText('HTTP 500')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()

    rerender(<ChatThread messages={messages} onRetry={onRetry} />)
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(2)
    await userEvent.click(within(articles()[1]!).getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledWith('a2')
  })

  it('describes the Retry button by the error it retries', () => {
    const failed = answer('a1', {
      status: 'error',
      error: { kind: 'run_failed', message: 'Step limit reached' },
    })
    render(<ChatThread messages={[failed]} onRetry={() => undefined} />)
    const retry = screen.getByRole('button', { name: 'Retry' })
    expect(retry.getAttribute('aria-describedby')).toEqual(
      screen.getByText('Step limit reached').id,
    )
  })

  it('with inlineErrors={false}, only notes that a failed answer did not finish, with no Retry', () => {
    const messages = [
      answer('a1', {
        status: 'interrupted',
        error: { kind: 'interrupted', message: 'The stream ended early.' },
      }),
      answer('a2', {
        status: 'error',
        error: { kind: 'http', status: 429, message: 'Too many runs; retry in 2 seconds.' },
      }),
      answer('a3', { status: 'stopped' }),
    ]
    render(<ChatThread messages={messages} onRetry={() => undefined} inlineErrors={false} />)
    expect(articles().map((article) => [article.dataset.state, article.textContent])).toEqual([
      ['interrupted', 'Answer a1This answer did not finish.'],
      ['error', 'Answer a2This answer did not finish.'],
      ['stopped', 'Answer a3Stopped'],
    ])
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
  })

  it('with inlineErrors={false}, shows nothing for an answer that failed before it started', () => {
    const failed = { kind: 'http', status: 402, message: 'Out of credits' } as const
    const messages: Message[] = [
      { id: 'u1', role: 'user', text: 'Summarise the week' },
      { id: 'a1', role: 'assistant', parts: [], status: 'error', error: failed },
    ]
    const { rerender } = render(<ChatThread messages={messages} inlineErrors={false} />)
    expect(articles().map((article) => article.getAttribute('aria-label'))).toEqual(['You'])
    expect(screen.queryByText('This answer did not finish.')).toBeNull()
    // Said inline, the failure still shows under the question, with its reason.
    rerender(<ChatThread messages={messages} />)
    expect(articles()).toHaveLength(2)
    expect(screen.getByText('Out of credits')).toBeTruthy()
  })

  it('translates the note of an unfinished answer', () => {
    const failed = answer('a1', { status: 'error', error: { kind: 'network', message: 'x' } })
    render(
      <ChatThread
        messages={[failed]}
        inlineErrors={false}
        labels={{ answerNotFinished: 'Cette réponse est incomplète.' }}
      />,
    )
    expect(screen.getByText('Cette réponse est incomplète.')).toBeTruthy()
  })

  it('picks tool views by tool.action, then tool, then *, else the card', () => {
    const message = answer('a1', {
      parts: [
        tool('t1', { tool: 'github', action: 'list_issues' }),
        tool('t2', { tool: 'github', action: 'create_issue' }),
        tool('t3', { tool: 'slack', action: 'post' }),
      ],
    })
    const view =
      (name: string) =>
      ({ part }: ToolRendererProps) => <p>{`${name}: ${part.tool}.${part.action}`}</p>
    const { rerender } = render(
      <ChatThread
        messages={[message]}
        toolRenderers={{ 'github.list_issues': view('action'), github: view('tool') }}
      />,
    )
    expect(screen.getByText('action: github.list_issues')).toBeTruthy()
    expect(screen.getByText('tool: github.create_issue')).toBeTruthy()
    expect(screen.getByRole('button', { name: /slack\.post/ })).toBeTruthy()

    rerender(<ChatThread messages={[message]} toolRenderers={{ '*': view('any') }} />)
    expect(screen.getByText('any: slack.post')).toBeTruthy()

    rerender(
      <ChatThread
        messages={[message]}
        toolRenderers={{ '*': view('any') }}
        renderTool={(part) => (part.tool === 'slack' ? <p>custom slack</p> : undefined)}
      />,
    )
    expect(screen.getByText('custom slack')).toBeTruthy()
    expect(screen.getByText('any: github.list_issues')).toBeTruthy()
  })
})

describe('ChatThread: streaming cost', () => {
  it('does not re-render settled messages when the last one grows', () => {
    const renders = new Map<string, number>()
    const counting = ({ message }: ToolRendererProps) => {
      renders.set(message.id, (renders.get(message.id) ?? 0) + 1)
      return null
    }
    const toolRenderers = { '*': counting }
    const settled = [1, 2, 3].map((index) =>
      answer(`a${index}`, { parts: [tool(`a${index}:tool:0`)] }),
    )
    const last = (text: string) =>
      answer('a4', {
        status: 'streaming',
        parts: [tool('a4:tool:0'), { kind: 'text', text }],
      })
    const props = (text: string): ChatThreadProps => ({
      messages: [...settled, last(text)],
      status: 'streaming',
      toolRenderers,
      // A new function each render, as an inline prop would be.
      onRetry: () => undefined,
    })
    const { rerender } = render(<ChatThread {...props('Hel')} />)
    for (const text of ['Hello', 'Hello, wor', 'Hello, world']) {
      act(() => rerender(<ChatThread {...props(text)} />))
    }
    expect(Object.fromEntries(renders)).toEqual({ a1: 1, a2: 1, a3: 1, a4: 4 })
  })

  it('does not re-render earlier messages when a run with actions starts or ends', () => {
    const renders = new Map<string, number>()
    const counting = ({ message }: ToolRendererProps) => {
      renders.set(message.id, (renders.get(message.id) ?? 0) + 1)
      return null
    }
    const toolRenderers = { '*': counting }
    const earlier = [1, 2, 3].flatMap((index) => [
      user(`u${index}`, `Question ${index}`),
      answer(`a${index}`, { parts: [tool(`a${index}:tool:0`)] }),
    ])
    const last = (status: AssistantMessage['status']) =>
      answer('a4', { status, parts: [tool('a4:tool:0'), { kind: 'text', text: 'Done' }] })
    const props = (status: AssistantMessage['status']): ChatThreadProps => ({
      messages: [...earlier, user('u4', 'Question 4'), last(status)],
      status: status === 'streaming' ? 'streaming' : 'idle',
      toolRenderers,
      actions: {},
      onRegenerate: () => undefined,
      onEdit: () => undefined,
    })
    const { rerender } = render(<ChatThread {...props('streaming')} />)
    act(() => rerender(<ChatThread {...props('complete')} />))
    expect(Object.fromEntries(renders)).toEqual({ a1: 1, a2: 1, a3: 1, a4: 2 })
    // What the ids are for: the finished answer offers Regenerate, its question Edit.
    expect(screen.getAllByRole('button', { name: 'Regenerate' })).toHaveLength(1)
    expect(within(articles()[7]!).getByRole('button', { name: 'Regenerate' })).toBeTruthy()
    expect(within(articles()[6]!).getByRole('button', { name: /Edit/ })).toBeTruthy()
  })

  // Messages render in groups (message-group.tsx); these check what a reader sees across them.
  const longThread = (length: number) =>
    Array.from({ length }, (_, index) =>
      index % 2 === 0 ? user(`u${index}`, `Question ${index}`) : answer(`a${index}`),
    )

  it('shows every message of a long thread in order, and an earlier one that changes', () => {
    const messages = longThread(70)
    const { rerender } = render(<ChatThread messages={messages} />)
    expect(articles().map((article) => article.textContent)).toEqual(
      messages.map((message) => (message.role === 'user' ? message.text : `Answer ${message.id}`)),
    )
    // An answer early in the thread that the caller replaces (same id, new content).
    const edited = answer('a5', { parts: [{ kind: 'text', text: 'A better answer' }] })
    rerender(<ChatThread messages={messages.map((m) => (m.id === 'a5' ? edited : m))} />)
    expect(articles()[5]?.textContent).toEqual('A better answer')
    expect(articles()).toHaveLength(70)
  })

  it('hands new labels to the messages of every group', () => {
    const messages = longThread(70)
    const { rerender } = render(<ChatThread messages={messages} />)
    rerender(<ChatThread messages={messages} labels={{ you: 'Me' }} />)
    const labelsOfQuestions = articles()
      .filter((_, index) => index % 2 === 0)
      .map((article) => article.getAttribute('aria-label'))
    expect(new Set(labelsOfQuestions)).toEqual(new Set(['Me']))
  })
})

describe('ChatThread: following the stream', () => {
  /** jsdom has no layout: give the log a fixed viewport over content of a chosen height. */
  function layout(log: HTMLElement, content: { height: number }) {
    let top = 0
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 500 })
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => content.height })
    Object.defineProperty(log, 'scrollTop', {
      configurable: true,
      get: () => top,
      set: (value: number) => {
        top = Math.max(0, Math.min(value, content.height - 500))
      },
    })
    return {
      get top() {
        return top
      },
      scrollBy(delta: number) {
        log.scrollTop = top + delta
        fireEvent.scroll(log)
      },
    }
  }

  it('stays at the bottom, lets the reader scroll up, and jumps back on request', async () => {
    const content = { height: 2000 }
    const thread = (text: string) => (
      <ChatThread
        status="streaming"
        messages={[
          user('u1', 'Tell me'),
          answer('a1', { status: 'streaming', parts: [{ kind: 'text', text }] }),
        ]}
      />
    )
    const { rerender } = render(thread('One'))
    const log = screen.getByRole('log')
    const scroller = layout(log, content)

    content.height = 2400
    rerender(thread('One two'))
    // Growth moved the end away; a scroll event now is not the reader leaving.
    fireEvent.scroll(log)
    await waitFor(() => expect(scroller.top).toEqual(1900))
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull()

    scroller.scrollBy(-300)
    const jump = await screen.findByRole('button', { name: 'Jump to latest' })

    content.height = 2800
    rerender(thread('One two three'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(scroller.top).toEqual(1600)

    await userEvent.click(jump)
    expect(scroller.top).toEqual(2300)
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull()
    expect(document.activeElement).toBe(log)

    content.height = 3000
    rerender(thread('One two three four'))
    await waitFor(() => expect(scroller.top).toEqual(2500))
  })

  it('reads the layout once per frame however many chunks arrive', async () => {
    const content = { height: 1000 }
    const thread = (text: string) => (
      <ChatThread
        status="streaming"
        messages={[answer('a1', { status: 'streaming', parts: [{ kind: 'text', text }] })]}
      />
    )
    const { rerender } = render(thread('a'))
    const log = screen.getByRole('log')
    layout(log, content)
    await new Promise((resolve) => setTimeout(resolve, 50))
    let reads = 0
    Object.defineProperty(log, 'scrollHeight', {
      configurable: true,
      get: () => ((reads += 1), content.height),
    })
    for (const text of ['ab', 'abc', 'abcd', 'abcde', 'abcdef']) {
      content.height += 20
      rerender(thread(text))
    }
    await waitFor(() => expect(log.scrollTop).toEqual(600))
    expect(reads).toEqual(1)
  })
})
