import { describe, expect, test } from 'vitest'
import { AgentRunError } from './errors'
import { parseRunEvent, parseRunEvents, parseRunResult } from './validate'
import { documentedResult, documentedWireResult } from './__fixtures__/documented-result'

describe('parseRunEvent', () => {
  test('the documented events become camelCase events', () => {
    expect(parseRunEvent('{"type":"run_started","run_id":"r","task_id":"t"}')).toEqual({
      event: { type: 'run_started', runId: 'r', taskId: 't' },
    })
    expect(parseRunEvent('{"type":"text_chunk","content":"hi"}')).toEqual({
      event: { type: 'text_chunk', content: 'hi' },
    })
    expect(
      parseRunEvent('{"type":"tool_call","tool":"github","action":"list","params":{"a":1}}'),
    ).toEqual({ event: { type: 'tool_call', tool: 'github', action: 'list', params: { a: 1 } } })
    expect(parseRunEvent('{"type":"tool_result","tool":"github","result":null}')).toEqual({
      event: { type: 'tool_result', tool: 'github', result: null },
    })
    expect(
      parseRunEvent('{"type":"run_completed","run_id":"r","credits_used":6,"duration_ms":3}'),
    ).toEqual({ event: { type: 'run_completed', runId: 'r', creditsUsed: 6, durationMs: 3 } })
  })

  test('error, run_failed and run_error become one failed event', () => {
    expect(parseRunEvent('{"type":"error","message":"Tool crashed","code":"E1"}')).toEqual({
      event: {
        type: 'run_failed',
        wireType: 'error',
        message: 'Tool crashed',
        code: 'E1',
        raw: { type: 'error', message: 'Tool crashed', code: 'E1' },
      },
    })
    expect(parseRunEvent('{"type":"run_error","error":{"message":"Nope","code":"X"}}')).toEqual({
      event: expect.objectContaining({ wireType: 'run_error', message: 'Nope', code: 'X' }),
    })
    expect(parseRunEvent('{"type":"run_failed"}')).toEqual({
      event: expect.objectContaining({ type: 'run_failed', message: 'The run failed' }),
    })
  })

  test('unknown types pass through raw', () => {
    expect(parseRunEvent('{"type":"thinking","text":"hmm"}')).toEqual({
      event: { type: 'unknown', raw: { type: 'thinking', text: 'hmm' } },
    })
  })

  test.each([
    ['not json', 'data is not valid JSON'],
    ['[1]', 'event must be a JSON object'],
    ['"text"', 'event must be a JSON object'],
    ['{"content":"x"}', 'event.type must be a string'],
    ['{"type":"text_chunk","content":5}', 'text_chunk.content must be a string'],
    ['{"type":"tool_call","tool":"t","action":"a"}', 'tool_call.params must be present'],
    [
      '{"type":"run_completed","run_id":"r","credits_used":"6","duration_ms":1}',
      'run_completed.credits_used must be a finite number',
    ],
    [
      '{"type":"run_started","task_id":"t","constructor":"x"}',
      'run_started.run_id must be a string',
    ],
  ])('malformed %s is a diagnostic, not a throw', (data, message) => {
    expect(parseRunEvent(data)).toEqual({ diagnostic: { kind: 'malformed_event', message, data } })
  })

  test('inherited keys are not fields', () => {
    expect(parseRunEvent('{"type":"tool_result","tool":"constructor"}')).toEqual({
      diagnostic: expect.objectContaining({ message: 'tool_result.result must be present' }),
    })
  })

  test('a huge bad payload is truncated in the diagnostic', () => {
    const parsed = parseRunEvent('x'.repeat(100_000))
    expect('diagnostic' in parsed && parsed.diagnostic.data.length).toBe(4096)
  })
})

describe('parseRunEvents', () => {
  const chunk = (content: string) => JSON.stringify({ type: 'text_chunk', content })

  test('reads a read of payloads exactly as one at a time, malformed ones included', () => {
    const payloads = [
      '{"type":"run_started","run_id":"r","task_id":"t"}',
      chunk('a'),
      'not json',
      '[1]',
      '{"type":"text_chunk","content":5}',
      chunk('b\n'),
      '{"type":"thinking"}',
    ]
    expect(parseRunEvents(payloads)).toEqual(payloads.map((data) => parseRunEvent(data)))
    expect(parseRunEvents([chunk('a'), chunk('b')])).toEqual([
      { event: { type: 'text_chunk', content: 'a' } },
      { event: { type: 'text_chunk', content: 'b' } },
    ])
  })

  test('a payload of two values is malformed, not two events', () => {
    const twoValues = `${chunk('a')},${chunk('b')}`
    expect(parseRunEvents([twoValues])).toEqual([
      {
        diagnostic: { kind: 'malformed_event', message: 'data is not valid JSON', data: twoValues },
      },
    ])
  })

  test('no string runs on from one payload into the next', () => {
    // Joined with a bare comma, these three malformed payloads would read as chunks "a,", "b"
    // and "c": the first string would swallow the comma and the second payload.
    const payloads = ['{"type":"text_chunk","content":"a', '"}', `${chunk('b')},${chunk('c')}`]
    expect(parseRunEvents(payloads).map((parsed) => 'diagnostic' in parsed)).toEqual([
      true,
      true,
      true,
    ])
  })
})

describe('parseRunResult', () => {
  const wire = documentedWireResult

  test('a completed result becomes camelCase', () => {
    expect(parseRunResult(wire)).toEqual(documentedResult)
  })

  test('any other status is a failed run', () => {
    const error = catchError(() => parseRunResult({ ...wire, status: 'failed' }))
    expect(error).toBeInstanceOf(AgentRunError)
    expect(error).toMatchObject({
      kind: 'run_failed',
      message: 'The run ended with status "failed"',
    })
  })

  test.each([[null], [[]], [{ ...wire, output: 3 }], [{ ...wire, tool_calls: [1] }], [{}]])(
    'a malformed result %j is a protocol error',
    (value) => {
      expect(catchError(() => parseRunResult(value))).toMatchObject({ kind: 'protocol' })
    },
  )
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
