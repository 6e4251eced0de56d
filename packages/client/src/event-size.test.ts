import { describe, expect, test } from 'vitest'
import { createAgentClient } from './client'
import { createEventMeter } from './event-meter'
import { documentedRun, openStream, sse, startTestServer } from '../test/loopback-server'
import type { RunEvent } from './types'

const encoder = new TextEncoder()
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function collect(events: AsyncIterable<RunEvent>) {
  const received: RunEvent[] = []
  try {
    for await (const event of events) received.push(event)
  } catch (error) {
    return { received, error }
  }
  return { received, error: undefined }
}

describe('maxEventBytes: one event may not grow memory without bound', () => {
  /** A server that starts a run, then sends `piece` every few milliseconds and never ends it. */
  async function endless(piece: string) {
    const server = await startTestServer(async (request, response) => {
      openStream(response)
      response.write(sse(documentedRun[0]!))
      let open = true
      void request.closed.then(() => (open = false))
      while (open) {
        response.write(piece)
        await wait(2)
      }
    })
    return server
  }

  test('one line past the cap fails the run as protocol and closes the connection', async () => {
    const server = await endless('x'.repeat(256))
    const client = createAgentClient({ endpoint: server.url, maxEventBytes: 4096 })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(received.map((event) => event.type)).toEqual(['run_started'])
    expect(error).toMatchObject({ kind: 'protocol', message: 'An event is larger than 4096 bytes' })
    expect(await server.requests[0]?.closed).toBe(true)
    expect(await server.settledPosts()).toBe(1)
  })

  test('many short data lines of one event count together', async () => {
    const server = await endless('data: "part"\n')
    const client = createAgentClient({ endpoint: server.url, maxEventBytes: 4096 })
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toMatchObject({ kind: 'protocol' })
    expect(await server.requests[0]?.closed).toBe(true)
  })

  test('the default cap is 4 MiB', async () => {
    const server = await endless('x'.repeat(64 * 1024))
    const client = createAgentClient({ endpoint: server.url })
    const { error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toMatchObject({ message: `An event is larger than ${4 * 1024 * 1024} bytes` })
  })

  test('events just under the cap pass, however the reads split them', async () => {
    const content = 'y'.repeat(900)
    const text = [
      documentedRun[0],
      ...Array.from({ length: 20 }, () => ({ type: 'text_chunk', content })),
      documentedRun.at(-1),
    ]
      .map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`)
      .join('')
    const bytes = encoder.encode(text)
    // Reads of 37 bytes split lines, CRLFs and blank lines everywhere.
    const pieces = Array.from({ length: Math.ceil(bytes.length / 37) }, (_, index) =>
      bytes.subarray(index * 37, index * 37 + 37),
    )
    const client = createAgentClient({
      endpoint: 'http://agent.test/run',
      maxEventBytes: 1000,
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (const piece of pieces) controller.enqueue(piece)
              controller.close()
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    })
    const { received, error } = await collect(client.stream({ query: 'hi' }))
    expect(error).toBeUndefined()
    expect(received).toHaveLength(22)
  })
})

describe('createEventMeter', () => {
  const measure = (limit: number, ...chunks: string[]) => {
    const tooLarge = createEventMeter(limit)
    return chunks.map((chunk) => tooLarge(encoder.encode(chunk)))
  }

  test.each([
    ['LF', '\n'],
    ['CR', '\r'],
    ['CRLF', '\r\n'],
  ])('a blank line (%s) ends the event and starts the count again', (_name, end) => {
    const event = `data: ${'a'.repeat(10)}${end}${end}`
    expect(measure(20, event, event, event)).toEqual([false, false, false])
    expect(measure(20, `data: ${'a'.repeat(10)}${end}data: more${end}`)).toEqual([true])
  })

  test('a CRLF split between two reads is one line end, not a blank line', () => {
    // 31 bytes of one event: past 30. Were the lone LF taken for a blank line, the count would
    // restart there and stay at 15.
    expect(measure(30, 'data: aaaaaaaa\r', '\ndata: bbbbbbbb\r')).toEqual([false, true])
  })
})
