import { concat } from './bytes'

const encoder = new TextEncoder()

/**
 * Replaces a secret in a byte stream, even when it is split across chunks: a chunk ending in the
 * start of the secret holds those few bytes back until the next chunk decides. SSE events end in
 * a newline, so in practice nothing is ever held back.
 */
export function createRedactor(secret: string, replacement = '[redacted]') {
  const needle = encoder.encode(secret)
  const substitute = encoder.encode(replacement)
  let carry = new Uint8Array(0)

  const matchesAt = (data: Uint8Array, at: number, length: number) => {
    for (let index = 0; index < length; index++) {
      if (data[at + index] !== needle[index]) return false
    }
    return true
  }

  return {
    push(chunk: Uint8Array): Uint8Array {
      const data = carry.byteLength > 0 ? concat([carry, chunk]) : chunk
      const parts: Uint8Array[] = []
      let start = 0
      for (let at = 0; at + needle.length <= data.length; at++) {
        if (matchesAt(data, at, needle.length)) {
          parts.push(data.subarray(start, at), substitute)
          at += needle.length - 1
          start = at + 1
        }
      }
      let hold = Math.min(needle.length - 1, data.length - start)
      while (hold > 0 && !matchesAt(data, data.length - hold, hold)) hold--
      parts.push(data.subarray(start, data.length - hold))
      carry = data.slice(data.length - hold)
      return parts.length === 1 ? parts[0]! : concat(parts)
    },
    flush(): Uint8Array {
      const rest = carry
      carry = new Uint8Array(0)
      return rest
    },
  }
}
