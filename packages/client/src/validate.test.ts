import fc from 'fast-check'
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

  test('error, run_failed and run_error are the run failure, with its message and code', () => {
    const failure = (data: string) => {
      const parsed = parseRunEvent(data)
      return 'failure' in parsed ? parsed.failure.toJSON() : parsed
    }
    expect(failure('{"type":"error","message":"Tool crashed","code":"E1"}')).toEqual({
      kind: 'run_failed',
      message: 'Tool crashed',
      code: 'E1',
    })
    expect(failure('{"type":"run_error","error":{"message":"Nope","code":"X"}}')).toEqual({
      kind: 'run_failed',
      message: 'Nope',
      code: 'X',
    })
    expect(failure('{"type":"run_failed"}')).toEqual({
      kind: 'run_failed',
      message: 'The run failed',
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

  const malformed = (message: string, data: string) => ({
    diagnostic: { kind: 'malformed_event', message, data },
  })

  test('a read in which every payload parses: each read as the JSON it is', () => {
    const payloads = [
      '{"type":"run_started","run_id":"r","task_id":"t"}',
      chunk('a\u2028b'),
      'null',
      '1',
      '[1,2]',
      '{"type":"text_chunk","content":5}',
      ' {"type":\n"text_chunk","content":"c"} ',
      '{"__proto__":{"polluted":1},"type":"text_chunk","content":"d"}',
      '{"type":"thinking"}',
    ]
    expect(parseRunEvents(payloads)).toEqual([
      { event: { type: 'run_started', runId: 'r', taskId: 't' } },
      { event: { type: 'text_chunk', content: 'a\u2028b' } },
      malformed('event must be a JSON object', 'null'),
      malformed('event must be a JSON object', '1'),
      malformed('event must be a JSON object', '[1,2]'),
      malformed('text_chunk.content must be a string', payloads[5]!),
      { event: { type: 'text_chunk', content: 'c' } },
      { event: { type: 'text_chunk', content: 'd' } },
      { event: { type: 'unknown', raw: { type: 'thinking' } } },
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('any read gives what its payloads give one at a time', () => {
    const valid = [
      chunk('a'),
      chunk('b\n"]},'),
      '{"type":"run_started","run_id":"r","task_id":"t"}',
      '{"type":"tool_call","tool":"t","action":"a","params":{"list":[1,{"b":"]"}]}}',
      '{"type":"tool_result","tool":"t","result":[1,"x"]}',
      '{"type":"thinking"}',
      '{"type":"text_chunk","content":5}',
      '  null ',
      '[1,2]',
    ]
    // Everything a buggy server could send, but never two values in one payload: with those,
    // crafted to match a payload that leaves a bracket open, one parse can differ (documented).
    const payload = fc
      .oneof(
        fc.constantFrom(...valid),
        fc
          .tuple(fc.constantFrom(...valid), fc.nat())
          .map(([text, cut]) => text.slice(0, cut % text.length)),
        fc.constantFrom('[', ']', ',', '{', '}', '"', '\\', ' ', 'not json'),
      )
      .filter((text) => text !== '')
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 8 }), (payloads) => {
        expect(parseRunEvents(payloads)).toEqual(payloads.map((data) => parseRunEvent(data)))
      }),
      { numRuns: 500 },
    )
  })

  test('a payload of two values is malformed, not two events', () => {
    const twoValues = `${chunk('a')},${chunk('b')}`
    expect(parseRunEvents([twoValues])).toEqual([malformed('data is not valid JSON', twoValues)])
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
