import { createSplitKeyGuard } from './split-key-guard'

const hexDigit = (digit: string) =>
  /[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * Every way the key is known to travel inside text: literally, with any of its characters
 * JSON-escaped (`\u0061`, backslashes doubled by up to two levels of nested JSON) or percent-encoded, and in base64
 * (standard or URL-safe) at each of the three byte alignments, so `btoa('Bearer afk_…')` or a
 * base64 blob of a whole request is caught too.
 */
function keyPattern(secret: string): { pattern: RegExp; longest: number } {
  const perCharacter = [...secret].map((character) => {
    const code = character.charCodeAt(0).toString(16).padStart(2, '0')
    const hex = [...code].map(hexDigit).join('')
    return code.length === 2
      ? `(?:${escapeRegExp(character)}|\\\\{1,7}u00${hex}|%${hex})`
      : escapeRegExp(character)
  })
  const bytes = new TextEncoder().encode(secret)
  const base64: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length)
    padded.set(bytes, offset)
    const encoded = btoa(String.fromCharCode(...padded))
    // Only the characters made of the key's bits alone are the same wherever the key sits.
    const first = Math.ceil((8 * offset) / 6)
    const end = Math.floor((8 * (offset + bytes.length)) / 6)
    const fragment = encoded.slice(first, end)
    base64.push(
      escapeRegExp(fragment),
      escapeRegExp(fragment.replace(/\+/g, '-').replace(/\//g, '_')),
    )
  }
  const alternatives = [perCharacter.join(''), ...new Set(base64)]
  return { pattern: new RegExp(alternatives.join('|'), 'g'), longest: secret.length * 12 }
}

export interface Redactor {
  /** The text with every form of the key replaced. */
  text(value: string): string
  /** A byte stream's redactor, safe across chunk boundaries. */
  stream(): { push(chunk: Uint8Array): Uint8Array; flush(): Uint8Array }
  /** An event stream's guard against the key split over several text chunks. */
  splitKeyGuard(): ReturnType<typeof createSplitKeyGuard>
}

export function createRedactor(secret: string, replacement = '[redacted]'): Redactor {
  const { pattern, longest } = keyPattern(secret)
  const text = (value: string) => value.replace(pattern, replacement)
  return {
    text,
    splitKeyGuard: () => createSplitKeyGuard(secret, replacement),
    stream() {
      const decoder = new TextDecoder()
      const encoder = new TextEncoder()
      let carry = ''
      return {
        push(chunk) {
          const data = carry + decoder.decode(chunk, { stream: true })
          // No form of the key holds a line break, so only the text after the last one can be
          // the start of a match: SSE chunks end in a newline and hold nothing back.
          const held = Math.min(data.length - data.lastIndexOf('\n') - 1, longest - 1)
          let cut = data.length - held
          let output = ''
          let start = 0
          pattern.lastIndex = 0
          for (let match = pattern.exec(data); match !== null; match = pattern.exec(data)) {
            if (match.index >= cut) break
            output += data.slice(start, match.index) + replacement
            start = match.index + match[0].length
            cut = Math.max(cut, start)
          }
          output += data.slice(start, cut)
          carry = data.slice(cut)
          return encoder.encode(output)
        },
        flush() {
          const rest = text(carry + decoder.decode())
          carry = ''
          return encoder.encode(rest)
        },
      }
    },
  }
}
