import { describe, expect, test } from 'vitest'
import { teeRawStream, type RawStreamObserver } from './raw-stream'

function recorder() {
  const calls: string[] = []
  let ended: (value: unknown) => void = () => {}
  const done = new Promise((resolve) => (ended = resolve))
  const observer: RawStreamObserver = {
    begin: ({ method, lastEventId }) =>
      calls.push(lastEventId === undefined ? 'begin' : `begin ${method} after ${lastEventId}`),
    line: (text) => calls.push(text),
    end: (error) => {
      calls.push(error ? 'end: error' : 'end')
      ended(undefined)
    },
  }
  return { calls, done, observer }
}

function bodyOf(chunks: string[], options: { breakAfter?: number } = {}) {
  const encoder = new TextEncoder()
  let index = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index === options.breakAfter) return controller.error(new TypeError('network reset'))
      const chunk = chunks[index++]
      if (chunk === undefined) controller.close()
      else controller.enqueue(encoder.encode(chunk))
    },
  })
}

describe('teeRawStream', () => {
  test('reports whole lines however the body is chunked, and hands the app the same body', async () => {
    const chunks = [
      'data: {"type":"run_',
      'started"}\r\n\r\ndata: {"a":',
      '1}\n\n: keep-alive\n',
      'data: last',
    ]
    const { calls, done, observer } = recorder()
    const inspectingFetch = teeRawStream(
      observer,
      async () => new Response(bodyOf(chunks), { status: 200 }),
    )

    const response = await inspectingFetch('/api/run', { method: 'POST' })
    expect(await response.text()).toBe(chunks.join(''))
    await done
    expect(calls).toEqual([
      'begin',
      'data: {"type":"run_started"}',
      'data: {"a":1}',
      ': keep-alive',
      'data: last',
      'end',
    ])
  })

  test('says the stream closed early when the body breaks off', async () => {
    const { calls, done, observer } = recorder()
    const inspectingFetch = teeRawStream(
      observer,
      async () =>
        new Response(bodyOf(['data: {"x":1}\n\n', 'data: {"y"'], { breakAfter: 2 }), {
          status: 200,
        }),
    )
    const response = await inspectingFetch('/api/run')
    await expect(response.text()).rejects.toThrow('network reset')
    await done
    expect(calls).toEqual(['begin', 'data: {"x":1}', 'end: error'])
  })

  test('keeps the status and headers the kit checks', async () => {
    const { observer } = recorder()
    const inspectingFetch = teeRawStream(
      observer,
      async () => new Response('{"error":{}}', { status: 429, headers: { 'retry-after': '2' } }),
    )
    const response = await inspectingFetch('/api/run')
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '2'])
  })

  test('names a re-attachment by its Last-Event-ID; a stop has no stream', async () => {
    const { calls, done, observer } = recorder()
    const inspectingFetch = teeRawStream(
      observer,
      async () => new Response('id: 4\ndata: {"x":1}\n\n', { status: 200 }),
    )
    await inspectingFetch('/api/run', { method: 'POST', headers: { 'last-event-id': '3' } })
    await done
    await inspectingFetch('/api/run', { method: 'DELETE' })
    expect(calls).toEqual(['begin POST after 3', 'id: 4', 'data: {"x":1}', 'end', 'begin'])
  })
})
