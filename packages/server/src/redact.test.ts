import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactor } from './redact'

const secret = 'afk_abcabd'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

function redactInChunks(text: string, cuts: number[]): string {
  const redactor = createRedactor(secret, '#')
  const bytes = encoder.encode(text)
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  let out = ''
  let start = 0
  for (const point of [...points, bytes.length]) {
    out += decoder.decode(redactor.push(bytes.subarray(start, point)), { stream: true })
    start = point
  }
  return out + decoder.decode(redactor.flush())
}

describe('createRedactor', () => {
  it('replaces the secret wherever the chunks are cut', () => {
    const pieces = fc.constantFrom('afk_', 'abc', secret, 'a', 'é', '\n\n', 'data: ')
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), fc.array(fc.nat()), (parts, cuts) => {
        const text = parts.join('')
        expect(redactInChunks(text, cuts)).toBe(text.split(secret).join('#'))
      }),
    )
  })

  it('holds nothing back when a chunk ends in a newline', () => {
    const redactor = createRedactor(secret)
    expect(decoder.decode(redactor.push(encoder.encode('data: {"a":1}\n\n')))).toBe(
      'data: {"a":1}\n\n',
    )
  })
})
