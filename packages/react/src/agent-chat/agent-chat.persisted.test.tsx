import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createConversationStore, type Conversation } from '@auteryn/client'
import { AgentChat } from './agent-chat'

// Rendering a chat a few hundred times on a machine that may be busy.
vi.setConfig({ testTimeout: 60_000 })

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const key = 'chat'

function storageHolding(conversation: unknown) {
  const values = new Map([[key, JSON.stringify({ version: 1, conversation })]])
  return {
    getItem: (name: string) => values.get(name) ?? null,
    setItem: (name: string, value: string) => void values.set(name, value),
    removeItem: (name: string) => void values.delete(name),
  }
}

/** What the store restores from the value: the conversation `<AgentChat persist>` starts from. */
function restored(conversation: unknown): Conversation {
  return createConversationStore({
    persist: { key, storage: storageHolding(conversation) },
  }).getState()
}

/**
 * The messages the chat shows as articles: under `<AgentChat>` a run that failed before any answer
 * started leaves nothing under its question (the banner or the retry says why), unless it has
 * versions to page between.
 */
function shownMessages(conversation: Conversation) {
  return conversation.messages.filter(
    (message) =>
      message.role === 'user' ||
      message.parts.length > 0 ||
      (message.versions?.length ?? 0) > 0 ||
      !['interrupted', 'error'].includes(message.status),
  )
}

/** Renders the chat over the stored value; a render error fails the test, as it would crash a page. */
function renderPersisted(conversation: unknown) {
  const errors = vi.spyOn(console, 'error')
  render(<AgentChat persist={{ key, storage: storageHolding(conversation) }} actions={{}} />)
  return errors
}

const question = { id: 'u1', role: 'user', text: 'Any open P1 bugs?' }
const failedWith = (error: unknown) => ({
  messages: [
    question,
    {
      id: 'a1',
      role: 'assistant',
      status: 'error',
      parts: [{ kind: 'text', text: 'Partial' }],
      error,
    },
  ],
  status: 'error',
  error,
  credits: { total: 0 },
})

describe('<AgentChat persist> over a stored value', () => {
  test.each([
    ['an error of an unknown kind', { kind: 'weird' }],
    ['an error that is a string', 'boom'],
    ['an error that is null', null],
  ])('%s: the conversation shows, without a banner', (_name, error) => {
    const errors = renderPersisted(failedWith(error))
    expect(screen.getByText('Any open P1 bugs?')).toBeTruthy()
    expect(screen.getByText('Partial')).toBeTruthy()
    expect(screen.getByText('This answer did not finish.')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(errors).not.toHaveBeenCalled()
  })

  test('a tool part whose state is __proto__: the answer shows without it', () => {
    const answer = {
      id: 'a1',
      role: 'assistant',
      status: 'complete',
      parts: [
        {
          kind: 'tool',
          id: 'a1:tool:0',
          tool: 'github',
          action: 'list',
          params: {},
          state: '__proto__',
        },
        {
          kind: 'tool',
          id: 'a1:tool:1',
          tool: 'jira',
          action: 'search',
          params: {},
          result: 1,
          state: 'done',
        },
        { kind: 'text', text: 'Found one.' },
      ],
    }
    const errors = renderPersisted({
      messages: [question, answer],
      status: 'idle',
      credits: { total: 2 },
    })
    expect(screen.getByText('Found one.')).toBeTruthy()
    expect(screen.getByRole('button', { name: /jira\.search/ })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /github\.list/ })).toBeNull()
    expect(errors).not.toHaveBeenCalled()
  })

  /**
   * Stored values that are nearly right: every field the kit reads (feedback and versions too), each sometimes of the wrong
   * type or an unknown value (`__proto__`, `constructor`, `weird`, null, ...), ids that repeat,
   * and untrusted text and JSON. Whatever `load()` accepts must render: no throw, no React
   * error, every restored message on screen, and nothing still running. Text is kept short here: that no text can lock
   * the page (a 2 MB nested list) rests on the markdown renderer's own cap on what it lexes.
   */
  test('every value load() accepts renders, with each restored message shown', () => {
    const odd = fc.constantFrom<unknown>(
      null,
      '__proto__',
      'constructor',
      'toString',
      'weird',
      '',
      0,
      -1,
      1.5,
      true,
      [],
      {},
      'boom',
    )
    const maybe = <T,>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: odd })
    const id = fc.constantFrom('m1', 'm2', 'm3', 'm4', '__proto__', 'constructor')
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '**bold** _it_',
        '[link](javascript:alert(1))',
        '<img src=x onerror=alert(1)>',
        '```js\nopen',
        '- a\n  - b\n    - c',
        '| a |\n|---|\n| 1 |',
        '![i](https://x.test/i.png)',
      ),
    )
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
    )
    const error = fc.record(
      {
        kind: maybe(
          fc.constantFrom(
            'http',
            'network',
            'protocol',
            'interrupted',
            'run_failed',
            'timeout',
            'aborted',
          ),
        ),
        message: maybe(text),
        status: maybe(fc.constantFrom(401, 402, 404, 429, 500, 418)),
        retryAfterMs: maybe(fc.nat(5000)),
        code: maybe(fc.string({ maxLength: 8 })),
      },
      { requiredKeys: [] },
    )
    const toolPart = fc.record(
      {
        kind: fc.constant('tool'),
        id: maybe(fc.constantFrom('t1', 't2', 't3', '__proto__')),
        tool: maybe(fc.constantFrom('github', '__proto__', 'constructor')),
        action: maybe(fc.constantFrom('list', 'toString')),
        params: json,
        result: json,
        state: maybe(fc.constantFrom('running', 'done', 'error', 'no-result')),
      },
      { requiredKeys: ['kind', 'id', 'tool', 'state'] },
    )
    const textPart = fc.record({ kind: maybe(fc.constant('text')), text: maybe(text) })
    const answerFields = {
      id: maybe(id),
      role: fc.constant('assistant'),
      status: maybe(fc.constantFrom('streaming', 'complete', 'stopped', 'interrupted', 'error')),
      parts: maybe(fc.array(maybe(fc.oneof(textPart, toolPart)), { maxLength: 4 })),
      runId: maybe(fc.string({ maxLength: 4 })),
      creditsUsed: maybe(fc.nat(100)),
      durationMs: maybe(fc.nat(100_000)),
      error: maybe(error),
      diagnostics: maybe(
        fc.array(
          fc.record({ kind: maybe(fc.constant('unknown_event')), message: text, data: text }),
          { maxLength: 2 },
        ),
      ),
      feedback: maybe(
        fc.record(
          { rating: maybe(fc.constantFrom('up', 'down')), comment: maybe(text) },
          { requiredKeys: ['rating'] },
        ),
      ),
    }
    const answerKeys: { requiredKeys: ('id' | 'role' | 'status' | 'parts')[] } = {
      requiredKeys: ['id', 'role', 'status', 'parts'],
    }
    const earlierAnswer = fc.record(answerFields, answerKeys)
    const version = fc.record({ question: maybe(text), answer: maybe(earlierAnswer) })
    const assistant = fc.record(
      { ...answerFields, versions: maybe(fc.array(maybe(version), { maxLength: 3 })) },
      answerKeys,
    )
    const user = fc.record({ id: maybe(id), role: maybe(fc.constant('user')), text: maybe(text) })
    const conversation = fc.record(
      {
        messages: maybe(fc.array(maybe(fc.oneof(user, assistant)), { maxLength: 5 })),
        status: maybe(fc.constantFrom('idle', 'submitted', 'streaming', 'error')),
        credits: maybe(
          fc.record(
            { total: maybe(fc.nat(100)), lastRun: maybe(fc.nat(100)) },
            { requiredKeys: ['total'] },
          ),
        ),
        error: maybe(error),
        taskId: maybe(fc.string({ maxLength: 4 })),
        activeRunId: maybe(fc.string({ maxLength: 4 })),
      },
      { requiredKeys: ['messages', 'status', 'credits'] },
    )

    let shown = 0
    fc.assert(
      fc.property(conversation, (value) => {
        const state = restored(value)
        try {
          const errors = renderPersisted(value)
          expect(screen.queryAllByRole('article')).toHaveLength(shownMessages(state).length)
          // Earlier versions render too: page every answer back to its first.
          for (const previous of screen.queryAllByRole('button', { name: 'Previous version' })) {
            for (let page = 0; page < 3; page++) fireEvent.click(previous)
          }
          expect(screen.queryAllByRole('article')).toHaveLength(shownMessages(state).length)
          // Nothing restored is left running: no run can be streaming after a reload.
          expect(screen.getByRole('region').dataset.state).toMatch(/^(idle|error)$/)
          expect(document.querySelector('[aria-busy="true"], [data-state="running"]')).toBeNull()
          expect(errors).not.toHaveBeenCalled()
        } finally {
          // A failed run must not leave its chat behind for the next one (or its shrinking).
          cleanup()
          vi.restoreAllMocks()
        }
        if (shownMessages(state).length > 0) shown++
      }),
      { numRuns: 300 },
    )
    // The property is about values that are restored: most runs must restore some messages.
    expect(shown).toBeGreaterThan(100)
  })
})
