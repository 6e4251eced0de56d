import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createAgentClient } from './client'
import { AgentRunError } from './errors'
import { createConversation, reduceConversation } from './reducer'
import type { Conversation, RunDiagnostic, RunEvent } from './types'

// Splits are compared whole, tool durations included: those come from the clock, so it stands still.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

const encoder = new TextEncoder()
const bytes = (text: string) => encoder.encode(text)
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, '__fixtures__', name)))

/** A fetch that serves these exact chunks as an event stream, so splits are under test control. */
function fetchOf(chunks: Uint8Array[]): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk)
          controller.close()
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    )
}

/** The real path: transport → parser → validation → reducer, as an app would wire it. */
async function replay(chunks: Uint8Array[]) {
  const events: RunEvent[] = []
  const diagnostics: RunDiagnostic[] = []
  const client = createAgentClient({ endpoint: 'http://agent.test/run', fetch: fetchOf(chunks) })
  let conversation: Conversation = reduceConversation(createConversation(), {
    type: 'send',
    runId: 'local',
    query: 'q',
    userMessageId: 'u',
    assistantMessageId: 'a',
  })
  const onProtocolError = (diagnostic: RunDiagnostic) => {
    diagnostics.push(diagnostic)
    conversation = reduceConversation(conversation, {
      type: 'diagnostic',
      runId: 'local',
      diagnostic,
    })
  }
  try {
    for await (const event of client.stream({ query: 'q' }, { onProtocolError })) {
      events.push(event)
      conversation = reduceConversation(conversation, { type: 'event', runId: 'local', event })
    }
  } catch (error) {
    if (!(error instanceof AgentRunError)) throw error
    conversation = reduceConversation(conversation, { type: 'fail', runId: 'local', error })
  }
  return { events, diagnostics, conversation }
}

/** Bytes copied by `Uint8Array#set` (how buffers are joined) while `run` runs. */
async function countCopiedBytes<T>(run: () => Promise<T>) {
  const typedArraySet = Object.getPrototypeOf(Uint8Array.prototype).set as Uint8Array['set']
  let copied = 0
  Object.defineProperty(Uint8Array.prototype, 'set', {
    configurable: true,
    value(this: Uint8Array, source: ArrayLike<number>, offset?: number) {
      copied += source.length
      return typedArraySet.call(this, source, offset)
    },
  })
  try {
    const result = await run()
    return { result, copied }
  } finally {
    delete (Uint8Array.prototype as { set?: unknown }).set
  }
}

/** Splits `data` at the given byte offsets. */
function split(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const offsets = [0, ...[...new Set(cuts)].sort((a, b) => a - b), data.length]
  return offsets.slice(1).map((end, index) => data.slice(offsets[index], end))
}

const frames = (text: string) => `data: {"type":"run_started","run_id":"r","task_id":"t"}${text}`
const completed = 'data: {"type":"run_completed","run_id":"r","credits_used":1,"duration_ms":2}'

describe('SSE framing', () => {
  test.each([
    ['LF', '\n'],
    ['CR', '\r'],
    ['CRLF', '\r\n'],
  ])('%s line ends', async (_name, end) => {
    const text = `${frames(end + end)}data: {"type":"text_chunk","content":"hi"}${end + end}${completed}${end + end}`
    const { events } = await replay([bytes(text)])
    expect(events.map((event) => event.type)).toEqual([
      'run_started',
      'text_chunk',
      'run_completed',
    ])
  })

  test('a split inside a line, inside a CRLF and inside a multi-byte character', async () => {
    const text = `${frames('\r\n\r\n')}data: {"type":"text_chunk","content":"Grüße 😀"}\r\n\r\n${completed}\r\n\r\n`
    const data = bytes(text)
    const emoji = data.indexOf(0xf0) // the first byte of 😀 (four bytes)
    const crlf = data.indexOf(13) + 1 // between \r and \n
    const { events } = await replay(split(data, [10, crlf, emoji + 1, emoji + 3]))
    expect(events[1]).toEqual({ type: 'text_chunk', content: 'Grüße 😀' })
    expect(events).toHaveLength(3)
  })

  test('data: with and without the space, and multi-line data', async () => {
    const text = `${frames('\n\n')}data:{"type":"text_chunk","content":"a"}\n\ndata: {"type":"text_chunk",\ndata:"content":"b"}\n\n${completed}\n\n`
    const { events, diagnostics } = await replay([bytes(text)])
    expect(events.slice(1, 3)).toEqual([
      { type: 'text_chunk', content: 'a' },
      { type: 'text_chunk', content: 'b' },
    ])
    expect(diagnostics).toEqual([])
  })

  test('a BOM is dropped, even when split across chunks', async () => {
    const data = bytes(`\ufeff${frames('\n\n')}${completed}\n\n`)
    const { events } = await replay(split(data, [1, 2]))
    expect(events.map((event) => event.type)).toEqual(['run_started', 'run_completed'])
  })

  test('one long line in many small reads is copied about once, not once per read', async () => {
    // fetch-event-source alone re-copies its pending buffer on every read while a line is open:
    // 1 MiB in 1 KiB reads would copy about 512 MiB. Handed whole lines, it copies nothing, and
    // the client joins the line's pieces once. Counted in bytes copied, not in time.
    const long = 'x'.repeat(1024 * 1024)
    const data = bytes(
      `${frames('\n\n')}data: {"type":"text_chunk","content":"${long}"}\n\n${completed}\n\n`,
    )
    const cuts = Array.from(
      { length: Math.floor(data.length / 1024) },
      (_, index) => index * 1024 + 1,
    )
    const pieces = split(data, cuts)
    const { result, copied } = await countCopiedBytes(() => replay(pieces))
    expect(result.events[1]).toEqual({ type: 'text_chunk', content: long })
    expect(copied).toBeLessThan(3 * data.length)
  })

  test('one byte per chunk', async () => {
    const data = fixture('crlf-unicode-run.sse')
    const whole = await replay([data])
    const bytewise = await replay(split(data, Array.from(data.keys())))
    expect(bytewise).toEqual(whole)
  })

  test('the recorded CRLF stream gives the expected conversation', async () => {
    const { conversation, diagnostics } = await replay([fixture('crlf-unicode-run.sse')])
    expect(diagnostics).toEqual([])
    expect(conversation.taskId).toBe('task_日本')
    expect(conversation.credits).toEqual({ lastRun: 2.5, total: 2.5 })
    expect(conversation.messages[1]).toMatchObject({
      status: 'complete',
      runId: 'run_ü',
      parts: [
        { kind: 'text', text: 'Grüße 😀 — ' },
        { kind: 'tool', tool: 'search', params: { q: 'été' }, result: ['première'], state: 'done' },
        { kind: 'tool', tool: 'search', params: { q: 'hiver' }, state: 'no-result' },
        { kind: 'tool', tool: 'calendar', result: { error: 'no access' }, state: 'error' },
        { kind: 'text', text: '中文 and ✓ done.' },
      ],
      diagnostics: [expect.objectContaining({ kind: 'unknown_event' })],
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('the recorded interrupted stream ends interrupted with its partial answer', async () => {
    const { conversation, diagnostics } = await replay([fixture('interrupted-run.sse')])
    expect(diagnostics).toEqual([
      { kind: 'malformed_event', message: 'data is not valid JSON', data: '{oops' },
    ])
    expect(conversation.status).toBe('error')
    expect(conversation.messages[1]).toMatchObject({
      status: 'interrupted',
      parts: [
        { kind: 'text', text: 'half an answer…' },
        { kind: 'tool', tool: 'github', state: 'no-result' },
      ],
    })
  })

  test.each(['documented-run.sse', 'crlf-unicode-run.sse', 'interrupted-run.sse'])(
    'any split of %s gives the same conversation',
    async (name) => {
      const data = fixture(name)
      const expected = await replay([data])
      const cuts = fc.array(fc.integer({ min: 1, max: data.length - 1 }), { maxLength: 40 })
      await fc.assert(
        fc.asyncProperty(cuts, async (offsets) => {
          expect(await replay(split(data, offsets))).toEqual(expected)
        }),
        { numRuns: 60 },
      )
    },
  )
})
