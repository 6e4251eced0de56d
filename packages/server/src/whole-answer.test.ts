// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as bytes from './bytes'
import { createMemoryRunStore } from './memory-run-store'
import { createRunHandler } from './create-run-handler'
import { readWholeText } from './whole-answer'

// Counted, to see how much text the size checks visit.
vi.mock('./bytes', async (importOriginal) => {
  const original = await importOriginal<typeof bytes>()
  return { ...original, utf8Length: vi.fn(original.utf8Length) }
})
afterEach(() => vi.mocked(bytes.utf8Length).mockClear())

const encoder = new TextEncoder()

/** A body served in reads of `readBytes`, which records whether it was cancelled. */
function answerOf(text: string, readBytes: number) {
  const whole = encoder.encode(text)
  let offset = 0
  const body = { cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= whole.length) return controller.close()
      controller.enqueue(whole.slice(offset, (offset += readBytes)))
    },
    cancel: () => void (body.cancelled = true),
  })
  return { response: new Response(stream), body }
}

describe('readWholeText', () => {
  it('reads the answer whole, characters cut between reads included', async () => {
    const text = '{"answer":"é, 漢字 and 🎉"}'
    expect(await readWholeText(answerOf(text, 1).response, 1000)).toBe(text)
    expect(await readWholeText(new Response(null), 1000)).toBe('')
  })

  it('keeps an answer of exactly maxBytes UTF-8 bytes, and cancels one a byte larger', async () => {
    const fits = 'é'.repeat(500)
    expect(await readWholeText(answerOf(fits, 7).response, 1000)).toBe(fits)
    const { response, body } = answerOf(fits + 'x', 7)
    expect(await readWholeText(response, 1000)).toBeUndefined()
    expect(body.cancelled).toBe(true)
  })

  it('measures each character once, however small the reads', async () => {
    const text = 'y'.repeat(200_000)
    expect(await readWholeText(answerOf(text, 64).response, 1 << 20)).toBe(text)
    const measured = vi
      .mocked(bytes.utf8Length)
      .mock.calls.reduce((sum, [piece]) => sum + piece.length, 0)
    // Measuring the whole text so far on every read would visit about 300 million characters.
    expect(measured).toBe(text.length)
  })
})

describe('a resumable run whose answer is not an event stream', () => {
  const run = async (answer: string) => {
    const handler = createRunHandler({
      apiKey: 'afk_live_whole_0123456789',
      agentId: 'agent_whole',
      runs: createMemoryRunStore(),
      fetch: async () =>
        new Response(answerOf(answer, 64 * 1024).response.body, {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    })
    return handler(
      new Request('http://app.test/api/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'whole-answer-1' },
        body: '{"query":"x"}',
      }),
    )
  }

  it('is answered whole, with the key redacted, up to 8 MB', async () => {
    const answer = JSON.stringify({ echo: 'afk_live_whole_0123456789', pad: 'z'.repeat(3_000_000) })
    const response = await run(answer)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(answer.replace('afk_live_whole_0123456789', '[redacted]'))
  })

  it('is a 502 past 8 MB, not kept in memory', async () => {
    const response = await run('z'.repeat(8 * 1024 * 1024 + 1))
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: { code: 'upstream_unreachable' } })
  })
})
