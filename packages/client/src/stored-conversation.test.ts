import { describe, expect, test } from 'vitest'
import { createConversation, reduceConversation } from './reducer'
import { readStoredConversation } from './stored-conversation'
import type { Conversation, ConversationAction, RunEvent } from './types'

/** What storage gives back: JSON text, parsed (so `__proto__` keys are own keys, as in storage). */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown
const read = (json: string) => readStoredConversation(JSON.parse(json))

const user = { id: 'u1', role: 'user', text: 'How many bugs?' }
const answer = (fields: object = {}) => ({
  id: 'a1',
  role: 'assistant',
  status: 'complete',
  parts: [{ kind: 'text', text: 'Three.' }],
  ...fields,
})
const conversation = (fields: object = {}, messages: unknown[] = [user, answer()]) => ({
  messages,
  status: 'idle',
  credits: { total: 6, lastRun: 6 },
  ...fields,
})
const tool = (fields: object = {}) => ({
  kind: 'tool',
  id: 'a1:tool:0',
  tool: 'github',
  action: 'list',
  params: { state: 'open' },
  result: { count: 3 },
  state: 'done',
  ...fields,
})

function conversationFromRuns(): Conversation {
  const act = (runId: string, event: RunEvent): ConversationAction => ({
    type: 'event',
    runId,
    event,
  })
  const send = (runId: string): ConversationAction => ({
    type: 'send',
    runId,
    query: `question ${runId}`,
    userMessageId: `u-${runId}`,
    assistantMessageId: `a-${runId}`,
  })
  const actions: ConversationAction[] = [
    send('1'),
    act('1', { type: 'run_started', runId: 'run_1', taskId: 'task_1' }),
    act('1', { type: 'text_chunk', content: 'Let me *check*.' }),
    act('1', { type: 'tool_call', tool: 'github', action: 'list', params: { label: 'P1' } }),
    act('1', { type: 'tool_result', tool: 'github', result: { error: 'rate limited' } }),
    act('1', { type: 'tool_call', tool: '__proto__', action: 'x', params: null }),
    act('1', { type: 'unknown', raw: { type: 'heartbeat' } }),
    act('1', { type: 'run_completed', runId: 'run_1', creditsUsed: 6, durationMs: 3241 }),
    send('2'),
    {
      type: 'fail',
      runId: '2',
      error: {
        kind: 'http',
        message: 'Slow down',
        status: 429,
        retryAfterMs: 2000,
        code: 'rate_limited',
      },
    },
    send('3'),
    { type: 'stop', runId: '3' },
    { ...send('4'), revise: 'a-3' } as ConversationAction,
    act('4', { type: 'run_completed', runId: 'run_4', creditsUsed: 1, durationMs: 9 }),
    { type: 'feedback', messageId: 'a-4', feedback: { rating: 'down', comment: 'Too short' } },
    { type: 'feedback', messageId: 'a-1', feedback: { rating: 'up' } },
  ]
  return actions.reduce(reduceConversation, createConversation('task_1'))
}

describe('readStoredConversation', () => {
  test('reads back every conversation the reducer makes, unchanged', () => {
    const original = conversationFromRuns()
    // Versions and feedback are in it, so they are read too.
    expect(original.messages.at(-1)).toMatchObject({ versions: [{ question: 'question 3' }] })
    expect(readStoredConversation(stored(original))).toEqual(original)
  })

  test('a version stored as streaming reads as interrupted: it is never the active run', () => {
    const version = answer({
      status: 'streaming',
      parts: [tool({ state: 'running', result: undefined })],
    })
    const value = conversation({}, [
      user,
      answer({ id: 'a2', versions: [{ question: 'Q', answer: version }] }),
    ])
    expect(readStoredConversation(stored(value))?.messages[1]).toEqual(
      answer({
        id: 'a2',
        versions: [
          {
            question: 'Q',
            answer: answer({
              status: 'interrupted',
              parts: [tool({ state: 'no-result', result: undefined })],
            }),
          },
        ],
      }),
    )
  })

  test.each([
    ['an unknown error kind', { kind: 'weird', message: 'x' }],
    ['an error that is a string', 'boom'],
    ['an error that is null', null],
    ['an error without a message', { kind: 'network' }],
  ])('%s is dropped, from the conversation and from its answer', (_name, error) => {
    const value = conversation({ status: 'error', error }, [
      user,
      answer({ status: 'error', error }),
    ])
    expect(readStoredConversation(stored(value))).toEqual({
      messages: [user, answer({ status: 'error' })],
      status: 'error',
      credits: { total: 6, lastRun: 6 },
    })
  })

  test('a tool part whose state is __proto__ (or any unknown state) is dropped', () => {
    const value = conversation({}, [
      user,
      answer({
        parts: [
          tool({ state: '__proto__' }),
          tool({ id: 'a1:tool:1', state: 'weird' }),
          tool({ id: 'a1:tool:2' }),
        ],
      }),
    ])
    const read = readStoredConversation(stored(value))
    expect(read?.messages[1]).toEqual(answer({ parts: [tool({ id: 'a1:tool:2' })] }))
  })

  test.each([
    ['an unknown role', { ...user, role: 'system' }],
    ['a user message without text', { id: 'u2', role: 'user' }],
    ['an unknown status', answer({ id: 'a2', status: 'constructor' })],
    ['parts that are not an array', answer({ id: 'a2', parts: 'Three.' })],
    ['an id that is a number', { ...user, id: 7 }],
    ['a later message reusing an id', { ...user, text: 'again' }],
    ['a message that is a string', 'hello'],
  ])('a message with %s is dropped, the others kept', (_name, bad) => {
    const read = readStoredConversation(stored(conversation({}, [user, bad, answer()])))
    expect(read?.messages).toEqual([user, answer()])
  })

  test.each([
    ['an unknown kind', { kind: 'html', text: '<b>x</b>' }],
    ['text that is not a string', { kind: 'text', text: ['x'] }],
    ['a tool without a name', tool({ tool: undefined })],
    ['a tool without an id', tool({ id: null })],
    ['a tool reusing an earlier id', tool({ id: 'a1:tool:0', action: 'again' })],
  ])('a part with %s is dropped, the others kept', (_name, bad) => {
    const parts = [tool(), bad, { kind: 'text', text: 'Three.' }]
    const read = readStoredConversation(stored(conversation({}, [user, answer({ parts })])))
    expect(read?.messages[1]).toEqual(answer({ parts: [tool(), { kind: 'text', text: 'Three.' }] }))
  })

  test('optional fields of the wrong type are dropped one by one', () => {
    const value = conversation(
      { taskId: 7, activeRunId: false, credits: { total: 6, lastRun: '6' } },
      [
        user,
        answer({
          runId: ['run'],
          creditsUsed: '6',
          durationMs: {},
          diagnostics: [
            { kind: 'unknown_event', message: 'm', data: 'd' },
            { kind: 'toString', message: 'm', data: 'd' },
          ],
          parts: [tool({ action: 3 })],
        }),
      ],
    )
    expect(readStoredConversation(stored(value))).toEqual({
      messages: [
        user,
        answer({
          diagnostics: [{ kind: 'unknown_event', message: 'm', data: 'd' }],
          parts: [tool({ action: undefined })],
        }),
      ],
      status: 'idle',
      credits: { total: 6 },
    })
  })

  test('numbers must be finite: 1e999 reads as Infinity and is dropped', () => {
    const read = readStoredConversation(
      JSON.parse(
        '{"messages":[{"id":"a","role":"assistant","status":"complete","parts":[],"creditsUsed":1e999,"error":{"kind":"http","message":"m","status":1e999}}],"status":"idle","credits":{"total":1,"lastRun":-1e999}}',
      ),
    )
    expect(read).toEqual({
      messages: [
        {
          id: 'a',
          role: 'assistant',
          status: 'complete',
          parts: [],
          error: { kind: 'http', message: 'm' },
        },
      ],
      status: 'idle',
      credits: { total: 1 },
    })
  })

  test('fields it does not know are left behind, __proto__ among them', () => {
    const read = readStoredConversation(
      JSON.parse(
        '{"__proto__":{"polluted":true},"html":"<img>","messages":[{"__proto__":{"role":"user"},"id":"u","role":"user","text":"t","onClick":"x"}],"status":"idle","credits":{"total":0,"extra":1}}',
      ),
    )
    expect(read).toEqual({
      messages: [{ id: 'u', role: 'user', text: 't' }],
      status: 'idle',
      credits: { total: 0 },
    })
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(read?.messages[0])).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test.each([
    ['no messages', { status: 'idle', credits: { total: 0 } }],
    ['an unknown status', conversation({ status: '__proto__' })],
    ['credits without a total', conversation({ credits: { lastRun: 1 } })],
    ['credits that are a number', conversation({ credits: 6 })],
    ['an array', [conversation()]],
  ])('a conversation with %s is not restored', (_name, value) => {
    expect(readStoredConversation(stored(value))).toBeUndefined()
  })

  test('only the active run can still stream: other answers stored streaming read as interrupted', () => {
    const running = answer({
      status: 'streaming',
      parts: [tool({ state: 'running', result: undefined })],
    })
    const value = conversation({ status: 'submitted' }, [user, running])
    expect(readStoredConversation(stored(value))).toEqual(
      conversation({ status: 'idle' }, [
        user,
        answer({ status: 'interrupted', parts: [tool({ state: 'no-result', result: undefined })] }),
      ]),
    )
  })

  test('an active run id with no streaming answer is dropped, so the chat is not left running', () => {
    const read = readStoredConversation(
      stored(conversation({ status: 'streaming', activeRunId: 'r1' })),
    )
    expect(read).toEqual(conversation())
  })

  test('the active run keeps its streaming answer, for the store to mark interrupted', () => {
    const running = answer({
      id: 'a2',
      status: 'streaming',
      parts: [tool({ state: 'running', result: undefined })],
    })
    const stale = answer({ status: 'streaming' })
    const value = conversation({ status: 'submitted', activeRunId: 'r2' }, [user, stale, running])
    expect(readStoredConversation(stored(value))).toEqual(
      conversation({ status: 'submitted', activeRunId: 'r2' }, [
        user,
        answer({ status: 'interrupted' }),
        running,
      ]),
    )
  })

  test('a text that is any JSON string reads back as is', () => {
    expect(
      read(
        '{"messages":[{"id":"u","role":"user","text":"\\u0000<script>"}],"status":"idle","credits":{"total":0}}',
      ),
    ).toEqual({
      messages: [{ id: 'u', role: 'user', text: '\u0000<script>' }],
      status: 'idle',
      credits: { total: 0 },
    })
  })
})
