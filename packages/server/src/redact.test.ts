import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactor } from './redact'

const secret = 'afk_abcabd'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

function redactInChunks(text: string, cuts: number[]): string {
  const redactor = createRedactor(secret, '#').stream()
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
    const redactor = createRedactor(secret).stream()
    expect(decoder.decode(redactor.push(encoder.encode('data: {"a":1}\n\n')))).toBe(
      'data: {"a":1}\n\n',
    )
  })
})

describe('the key in other forms', () => {
  const key = 'afk_live_9f8e7d6c5b4a39281706'
  const redact = (text: string) => createRedactor(key).text(text)
  const jsonEscaped = [...key].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('')
  const forms = {
    literal: key,
    'JSON-escaped': jsonEscaped,
    'partly JSON-escaped, upper-case hex': `\\u0041${key.slice(1)}`
      .replace('A', 'a')
      .replace('\\u0041', '\\u0061'),
    'escaped inside nested JSON': JSON.stringify(JSON.stringify({ k: jsonEscaped })),
    'URL-encoded': [...key].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
    'partly URL-encoded': encodeURIComponent(key).replace('_', '%5f'),
    'base64 of Bearer': btoa(`Bearer ${key}`),
    'base64 inside a longer blob, shifted': btoa(`{"authorization":"Bearer ${key}"}`),
    'base64 shifted by two': btoa(`xy${key}`),
    base64url: btoa(`?Bearer ${key}`).replace(/\+/g, '-').replace(/\//g, '_'),
  }
  for (const [name, form] of Object.entries(forms)) {
    it(`redacts the ${name} form`, () => {
      const text = `before ${form} after`
      expect(redact(text)).not.toBe(text)
      expect(redact(text)).toContain('[redacted]')
      expect(redact(text).startsWith('before ')).toBe(true)
    })
  }

  it('redacts an escaped form split across stream chunks', () => {
    const redactor = createRedactor(key).stream()
    const text = `data: {"content":"${jsonEscaped}"}\n\n`
    const middle = text.length >> 1
    const out =
      decoder.decode(redactor.push(encoder.encode(text.slice(0, middle)))) +
      decoder.decode(redactor.push(encoder.encode(text.slice(middle)))) +
      decoder.decode(redactor.flush())
    expect(out).toBe('data: {"content":"[redacted]"}\n\n')
  })

  it('leaves text without the key alone', () => {
    const text =
      'data: {"type":"text_chunk","content":"afk_ is the prefix; %61 and \\u0061 are fine"}'
    expect(redact(text)).toBe(text)
  })
})
