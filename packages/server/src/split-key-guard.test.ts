// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSplitKeyGuard } from './split-key-guard'
import type { UpstreamEvent } from './sse-events'

const secret = 'afk_live_guard_0123456789'
const wire = (event: Record<string, unknown>): UpstreamEvent => {
  const data = JSON.stringify(event)
  return { lines: `data: ${data}`, data }
}
const chunk = (content: string) => wire({ type: 'text_chunk', content })
const toolCall = wire({ type: 'tool_call', tool: 't', action: 'a', params: {} })

/** What the browser would join: the text chunks' contents, `|` for each other event. */
const seen = (events: UpstreamEvent[]) =>
  events.map((event) => (JSON.parse(event.data) as { content?: string }).content ?? '|').join('')

describe('createSplitKeyGuard', () => {
  it('replaces a key cut over many chunks, and lets the text before it go at once', () => {
    const guard = createSplitKeyGuard(secret)
    expect(guard.push(chunk('Your key is '))).toEqual([chunk('Your key is ')])
    expect(guard.push(chunk('afk_li'))).toEqual([])
    const out = [...secret.slice(6)].flatMap((character) => guard.push(chunk(character)))
    out.push(...guard.push(chunk(' and that is all. a')))
    // The key's chunks went out as one; the last chunk ends like the key's start: held.
    expect(seen(out)).toBe('[redacted]')
    expect(guard.flush()).toEqual([chunk(' and that is all. a')])
  })

  it("holds only the chunks that may start the key: a long run of the key's first character streams", () => {
    // Each chunk ends like the key's start, so it is held until the next one: only the last
    // chunk is ever held, not the whole run (which would hold the text back and cost
    // quadratic time to search).
    const guard = createSplitKeyGuard(secret)
    const released = Array.from({ length: 10_000 }, () => guard.push(chunk('a')).length)
    expect(released.slice(1)).toEqual(Array.from({ length: 9_999 }, () => 1))
    expect(guard.flush()).toEqual([chunk('a')])
  })

  it('gives the browser the same text, the key replaced, however it is cut and interleaved', () => {
    const piece = fc.constantFrom(
      secret,
      secret.slice(0, 9),
      secret.slice(9),
      'a',
      'af',
      '_',
      'x ',
      '',
    )
    // Each item is a text chunk's content, or `null` for another event (a tool call).
    const stream = fc.array(fc.option(fc.array(piece, { maxLength: 4 }), { freq: 5 }), {
      maxLength: 30,
    })
    fc.assert(
      fc.property(stream, (items) => {
        const guard = createSplitKeyGuard(secret)
        const out = items.flatMap((item) =>
          guard.push(item === null ? toolCall : chunk(item.join(''))),
        )
        out.push(...guard.flush())
        // Text between two other events is joined by the browser: the key is replaced in each.
        const expected = items
          .map((item) => (item === null ? '|' : item.join('')))
          .join('')
          .split('|')
          .map((run) => run.split(secret).join('[redacted]'))
        expect(seen(out).split('|')).toEqual(expected)
        expect(out.length).toBeLessThanOrEqual(items.length)
      }),
    )
  })
})
