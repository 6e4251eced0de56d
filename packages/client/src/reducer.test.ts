import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { AgentRunError } from './errors'
import { createConversation, reduceConversation, reduceConversationBatch } from './reducer'
import type { Conversation, ConversationAction, RunEvent, ToolPart } from './types'
import { parseRunEvent } from './validate'

// States are compared whole, tool call durations included: those read the clock, so it stands still.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

const send = (runId = 'local-1', extra: Partial<ConversationAction> = {}): ConversationAction =>
  ({
    type: 'send',
    runId,
    query: 'How many open bugs?',
    userMessageId: `user-${runId}`,
    assistantMessageId: `assistant-${runId}`,
    ...extra,
  }) as ConversationAction

const event = (event: RunEvent, runId = 'local-1'): ConversationAction => ({
  type: 'event',
  runId,
  event,
})

function apply(actions: ConversationAction[], start = createConversation()) {
  return actions.reduce(reduceConversation, start)
}

const started: RunEvent = { type: 'run_started', runId: 'run_abc', taskId: 'task_xyz' }
const completed: RunEvent = {
  type: 'run_completed',
  runId: 'run_abc',
  creditsUsed: 6,
  durationMs: 3241,
}
const call = (tool: string, params: unknown = {}): RunEvent =>
  ({ type: 'tool_call', tool, action: 'list', params }) as RunEvent
const result = (tool: string, value: unknown): RunEvent =>
  ({ type: 'tool_result', tool, result: value }) as RunEvent
const text = (content: string): RunEvent => ({ type: 'text_chunk', content })

describe('reduceConversation', () => {
  test('send appends the user message and an empty streaming answer', () => {
    const state = apply([send()])
    expect(state).toEqual({
      messages: [
        { id: 'user-local-1', role: 'user', text: 'How many open bugs?' },
        { id: 'assistant-local-1', role: 'assistant', parts: [], status: 'streaming' },
      ],
      status: 'submitted',
      activeRunId: 'local-1',
      credits: { total: 0 },
    })
  })

  test('a full run: interleaved parts in arrival order, credits, task id', () => {
    const state = apply([
      send(),
      event(started),
      event(text('Let me ')),
      event(text('check.')),
      event(call('github', { state: 'open' })),
      event(result('github', { count: 3 })),
      event(text('I found 3.')),
      event(completed),
    ])
    expect(state.status).toBe('idle')
    expect(state.taskId).toBe('task_xyz')
    expect(state.activeRunId).toBeUndefined()
    expect(state.credits).toEqual({ lastRun: 6, total: 6 })
    expect(state.messages[1]).toEqual({
      id: 'assistant-local-1',
      role: 'assistant',
      runId: 'run_abc',
      status: 'complete',
      creditsUsed: 6,
      durationMs: 3241,
      parts: [
        { kind: 'text', text: 'Let me check.' },
        {
          kind: 'tool',
          id: 'assistant-local-1:tool:1',
          tool: 'github',
          action: 'list',
          params: { state: 'open' },
          result: { count: 3 },
          state: 'done',
          durationMs: expect.any(Number),
        },
        { kind: 'text', text: 'I found 3.' },
      ],
    })
  })

  test('the first event moves submitted to streaming', () => {
    expect(apply([send(), event(started)]).status).toBe('streaming')
  })

  test('tool results pair FIFO with the oldest open call of the same tool', () => {
    const state = apply([
      send(),
      event(call('search', { q: 1 })),
      event(call('github', { q: 'g' })),
      event(call('search', { q: 2 })),
      event(result('search', 'first')),
      event(result('search', { error: 'boom' })),
    ])
    const parts = (state.messages[1] as { parts: unknown[] }).parts
    expect(parts).toEqual([
      expect.objectContaining({ tool: 'search', params: { q: 1 }, result: 'first', state: 'done' }),
      expect.objectContaining({ tool: 'github', state: 'running' }),
      expect.objectContaining({
        tool: 'search',
        params: { q: 2 },
        result: { error: 'boom' },
        state: 'error',
      }),
    ])
  })

  test('a result gives its call the time since the call arrived', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    try {
      let state = apply([send(), event(call('search', { q: 1 })), event(call('search', { q: 2 }))])
      vi.advanceTimersByTime(1200)
      state = reduceConversation(state, event(result('search', 'first')))
      vi.advanceTimersByTime(300)
      state = reduceConversation(state, event(result('search', 'second')))
      const parts = (state.messages[1] as { parts: ToolPart[] }).parts
      expect(parts.map((part) => part.durationMs)).toEqual([1200, 1500])
    } finally {
      vi.useRealTimers()
    }
  })

  test('a result with no open call is kept as an orphan part', () => {
    const state = apply([send(), event(result('github', { count: 3 }))])
    expect((state.messages[1] as { parts: unknown[] }).parts).toEqual([
      {
        kind: 'tool',
        id: 'assistant-local-1:tool:0',
        tool: 'github',
        result: { count: 3 },
        state: 'done',
      },
    ])
  })

  test('calls still open when the run ends are marked no-result', () => {
    const state = apply([send(), event(call('github')), event(completed)])
    expect((state.messages[1] as { parts: { state: string }[] }).parts[0]?.state).toBe('no-result')
  })

  test('credits add up over runs and taskId is kept', () => {
    const second = { ...completed, creditsUsed: 4 }
    const state = apply([
      send('a'),
      event(started, 'a'),
      event(completed, 'a'),
      send('b'),
      event(second, 'b'),
    ])
    expect(state.credits).toEqual({ lastRun: 4, total: 10 })
    expect(state.taskId).toBe('task_xyz')
  })

  test('events after run_completed are ignored', () => {
    const done = apply([send(), event(text('answer')), event(completed)])
    expect(reduceConversation(done, event(text(' more')))).toBe(done)
    expect(reduceConversation(done, { type: 'stop', runId: 'local-1' })).toBe(done)
  })

  test('events of a superseded run are ignored and its message stops', () => {
    const state = apply([send('old'), event(text('partial'), 'old'), send('new')])
    const after = reduceConversation(state, event(text('late'), 'old'))
    expect(after).toBe(state)
    expect(state.messages[1]).toEqual(
      expect.objectContaining({ status: 'stopped', parts: [{ kind: 'text', text: 'partial' }] }),
    )
    expect(state.activeRunId).toBe('new')
  })

  test('stop keeps the partial answer; fail marks the message and the conversation', () => {
    const running = apply([send(), event(text('partial')), event(call('github'))])
    const stopped = reduceConversation(running, { type: 'stop', runId: 'local-1' })
    expect(stopped.status).toBe('idle')
    expect(stopped.messages[1]).toEqual(
      expect.objectContaining({
        status: 'stopped',
        parts: [{ kind: 'text', text: 'partial' }, expect.objectContaining({ state: 'no-result' })],
      }),
    )
    const error = new AgentRunError('interrupted', 'The stream ended early')
    const failed = reduceConversation(running, { type: 'fail', runId: 'local-1', error })
    expect(failed.status).toBe('error')
    expect(failed.error).toEqual({ kind: 'interrupted', message: 'The stream ended early' })
    expect(failed.messages[1]).toEqual(
      expect.objectContaining({ status: 'interrupted', error: failed.error }),
    )
    const http = { kind: 'http' as const, message: 'Out of credits', status: 402 }
    const httpFailed = reduceConversation(running, { type: 'fail', runId: 'local-1', error: http })
    expect(httpFailed.messages[1]).toEqual(
      expect.objectContaining({ status: 'error', error: http }),
    )
  })

  test('retry replaces the failed answer in place, without a second user message', () => {
    const error = { kind: 'network' as const, message: 'offline' }
    const failed = apply([send('a'), { type: 'fail', runId: 'a', error }])
    const retried = reduceConversation(failed, send('b', { retryOf: 'assistant-a' }))
    expect(retried.messages).toEqual([
      { id: 'user-a', role: 'user', text: 'How many open bugs?' },
      { id: 'assistant-b', role: 'assistant', parts: [], status: 'streaming' },
    ])
    expect(retried.error).toBeUndefined()
    expect(retried.status).toBe('submitted')
  })

  test('unknown events and diagnostics are kept on the message, never as text', () => {
    const diagnostic = { kind: 'malformed_event' as const, message: 'bad', data: '{' }
    const state = apply([
      send(),
      event({ type: 'unknown', raw: { type: 'heartbeat', at: 1 } }),
      { type: 'diagnostic', runId: 'local-1', diagnostic },
    ])
    expect(state.messages[1]).toEqual(
      expect.objectContaining({
        parts: [],
        diagnostics: [
          {
            kind: 'unknown_event',
            message: 'Unknown event type "heartbeat"',
            data: '{"type":"heartbeat","at":1}',
          },
          diagnostic,
        ],
      }),
    )
  })

  test('JSON mode fills the same message shape', () => {
    const state = apply([
      send(),
      {
        type: 'result',
        runId: 'local-1',
        result: {
          runId: 'run_abc',
          taskId: 'task_xyz',
          status: 'completed',
          output: 'There are 3.',
          creditsUsed: 6,
          durationMs: 3241,
          toolCalls: [{ tool: 'github', action: 'list', params: {}, resultSummary: 'Found 3' }],
        },
      },
    ])
    expect(state).toEqual({
      taskId: 'task_xyz',
      status: 'idle',
      credits: { lastRun: 6, total: 6 },
      messages: [
        expect.objectContaining({ role: 'user' }),
        {
          id: 'assistant-local-1',
          role: 'assistant',
          runId: 'run_abc',
          status: 'complete',
          creditsUsed: 6,
          durationMs: 3241,
          parts: [
            {
              kind: 'tool',
              id: 'assistant-local-1:tool:0',
              tool: 'github',
              action: 'list',
              params: {},
              result: 'Found 3',
              state: 'done',
            },
            { kind: 'text', text: 'There are 3.' },
          ],
        },
      ],
    })
  })

  test('reset starts over', () => {
    const state = apply([send(), event(started), event(completed), { type: 'reset', taskId: 't2' }])
    expect(state).toEqual({ taskId: 't2', messages: [], status: 'idle', credits: { total: 0 } })
  })

  test('is pure and keeps the identity of untouched messages', () => {
    const before = apply([send('a'), event(text('one'), 'a'), event(completed, 'a'), send('b')])
    const snapshot = JSON.stringify(before)
    const after = reduceConversation(before, event(text('two'), 'b'))
    expect(JSON.stringify(before)).toBe(snapshot)
    expect(after.messages[1]).toBe(before.messages[1])
    expect(after.messages[3]).not.toBe(before.messages[3])
  })

  test('a batch gives the same state as one action at a time', () => {
    const actions = [
      send(),
      event(started),
      event(text('a')),
      event(text('b')),
      event(call('x')),
      event(result('x', 1)),
      event(text('c')),
      event(completed),
    ]
    const start = createConversation()
    expect(reduceConversationBatch(start, actions)).toEqual(apply(actions, start))
    expect(start).toEqual(createConversation())
  })

  test('any batching of any action sequence gives the same state as one action at a time', () => {
    // Two runs, so that chunks of a superseded run sit between chunks of the live one.
    const runId = fc.constantFrom('run-a', 'run-b')
    const action: fc.Arbitrary<ConversationAction> = fc.oneof(
      runId.map((id) => send(id)),
      fc.tuple(fc.constantFrom('', 'a', 'b\n', '**'), runId).map(([c, id]) => event(text(c), id)),
      fc.tuple(fc.constantFrom('x', 'y'), runId).map(([tool, id]) => event(call(tool), id)),
      fc.tuple(fc.constantFrom('x', 'y'), runId).map(([tool, id]) => event(result(tool, 1), id)),
      runId.map((id) => event(started, id)),
      runId.map((id) => event(completed, id)),
      runId.map((id): ConversationAction => ({ type: 'stop', runId: id })),
    )
    const batches = fc.array(fc.array(action, { maxLength: 12 }), { maxLength: 8 })
    fc.assert(
      fc.property(batches, (groups) => {
        const batched = groups.reduce(reduceConversationBatch, createConversation())
        expect(batched).toEqual(apply(groups.flat()))
      }),
      { numRuns: 300 },
    )
  })

  test('__proto__ keys in params and results pollute nothing and round-trip', () => {
    const callEvent = parseRunEvent(
      '{"type":"tool_call","tool":"t","action":"a","params":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}',
    )
    const resultEvent = parseRunEvent(
      '{"type":"tool_result","tool":"t","result":{"__proto__":{"polluted":true}}}',
    )
    if (!('event' in callEvent) || !('event' in resultEvent)) throw new Error('expected events')
    const state = apply([
      send(),
      event(callEvent.event),
      event(resultEvent.event),
      event(completed),
    ])
    const restored = JSON.parse(JSON.stringify(state)) as Conversation
    const part = (restored.messages[1] as { parts: { params: object; result: object }[] }).parts[0]!
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(part.params)).toBe(Object.prototype)
    expect(Object.hasOwn(part.params, '__proto__')).toBe(true)
    expect(JSON.stringify(part.result)).toBe('{"__proto__":{"polluted":true}}')
    expect(restored).toEqual(state)
  })
})
