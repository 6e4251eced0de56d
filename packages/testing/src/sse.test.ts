import { describe, expect, it } from 'vitest'
import { formatSse, replaySse, splitEvents } from './sse'
import { readEvents } from '../test/test-helpers'

const events = [
  { type: 'run_started', run_id: 'run_1', task_id: 'task_1' },
  { type: 'text_chunk', content: 'line one\nline two' },
  { type: 'run_completed', run_id: 'run_1', credits_used: 1, duration_ms: 10 },
]

describe('formatSse', () => {
  it('writes one data line per event followed by a blank line', () => {
    expect(formatSse(events.slice(0, 1))).toBe(
      'data: {"type":"run_started","run_id":"run_1","task_id":"task_1"}\n\n',
    )
  })
})

describe('replaySse', () => {
  it('streams a transcript back event by event', async () => {
    const text = formatSse(events)
    expect(splitEvents(text)).toHaveLength(3)
    const response = replaySse(text)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(await readEvents(response)).toEqual(events)
  })

  it('can split a transcript mid-line, keeping every byte', async () => {
    const text = formatSse(events) + ': keep-alive\r\n\r\n'
    const response = replaySse(text, { chunkSize: 7 })
    const reader = response.body!.getReader()
    const chunks: string[] = []
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(new TextDecoder().decode(read.value))
    }
    expect(chunks[0]).toBe('data: {')
    expect(chunks.join('')).toBe(text)
  })
})
