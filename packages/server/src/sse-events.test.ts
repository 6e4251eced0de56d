// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createEventSplitter,
  EventTooLargeError,
  findBlankLine,
  type UpstreamEvent,
} from './sse-events'

/** Every event the splitter gives for these reads, in order. */
function split(reads: string[], maxChars = 1 << 20): UpstreamEvent[] {
  const splitter = createEventSplitter(maxChars)
  return reads.flatMap((read) => splitter.push(read))
}

/** The text cut at these positions. */
const cutAt = (text: string, positions: number[]) => {
  const cuts = [...new Set(positions)].sort((a, b) => a - b)
  return [0, ...cuts].map((from, index) => text.slice(from, cuts[index] ?? text.length))
}

const stream =
  'data: {"a":1}\n\n' +
  ': keep-alive\r\n\r\n' +
  'id: 7\rretry: 10\revent: note\rdata: x\rdata:y\r\r' +
  'event: empty\n\n\n' +
  'data: last\r\n\r\n' +
  'data: unfinished'

const expected: UpstreamEvent[] = [
  { lines: 'data: {"a":1}', data: '{"a":1}' },
  { lines: 'event: note\ndata: x\ndata:y', data: 'x\ny' },
  { lines: 'data: last', data: 'last' },
]

describe('createEventSplitter', () => {
  it('ends events at blank lines whatever the line ends, keeping what the proxy forwards', () => {
    expect(split([stream])).toEqual(expected)
  })

  it('gives the same events however the text is cut into reads', () => {
    expect(split([...stream])).toEqual(expected)
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 })), (positions) => {
        expect(split(cutAt(stream, positions))).toEqual(expected)
      }),
    )
  })

  it('finds a blank line cut between reads, CRLF and lone CR included', () => {
    expect(split(['data: a\n', '\ndata: b\n\n'])).toEqual([
      { lines: 'data: a', data: 'a' },
      { lines: 'data: b', data: 'b' },
    ])
    expect(split(['data: a\r', '\n\r', '\n'])).toEqual([{ lines: 'data: a', data: 'a' }])
    expect(split(['data: a\r', '\r', 'data: b'])).toEqual([{ lines: 'data: a', data: 'a' }])
    // A CR then an LF in the next read is one line end, not two: no event ends there.
    expect(split(['data: a\r', '\ndata: b\r', '\n'])).toEqual([])
  })

  it('fails an event longer than maxChars, and accepts one that fits', () => {
    const splitter = createEventSplitter(20)
    expect(splitter.push('data: 0123456789\n\n')).toHaveLength(1)
    expect(splitter.push('data: 01234567890123')).toEqual([])
    expect(() => splitter.push('4')).toThrow(EventTooLargeError)
  })

  it('searches only the text that just arrived: a long event in small reads is never copied again', () => {
    // Searching a string grown by `+=` flattens it, copying all of it: on every read, that is
    // quadratic. So the strings handed to the search, summed, stay within twice the input (a
    // read that ends an event is searched again for the next one).
    let searched = 0
    const counting = (text: string, from: number) => {
      searched += text.length
      return findBlankLine(text, from)
    }
    const splitter = createEventSplitter(1 << 20, counting)
    const event = `data: ${'x'.repeat(100_000)}\n\n`
    const events: UpstreamEvent[] = []
    for (let offset = 0; offset < event.length; offset += 7) {
      events.push(...splitter.push(event.slice(offset, offset + 7)))
    }
    expect(events.map((each) => each.data.length)).toEqual([100_000])
    expect(searched).toBeLessThanOrEqual(2 * event.length)
  })
})
