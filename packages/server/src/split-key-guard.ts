import { isEventType, type UpstreamEvent } from './sse-events'

/** The text of a `text_chunk` event, or `undefined` for any other event. */
function textOf(
  event: UpstreamEvent,
): { parsed: Record<string, unknown>; text: string } | undefined {
  if (!isEventType(event, 'text_chunk')) return undefined
  const parsed = JSON.parse(event.data) as Record<string, unknown>
  return typeof parsed.content === 'string' ? { parsed, text: parsed.content } : undefined
}

interface HeldChunk {
  event: UpstreamEvent
  parsed: Record<string, unknown>
  text: string
}

/**
 * The browser joins `text_chunk` contents, so a key cut over two (or ten) chunks passes every
 * per-event check. The chunks that hold the joined text's last characters, as far back as they
 * may be the start of the key, are held until the next event decides: if the key goes on, they
 * become one chunk with the key replaced; if not, they go on unchanged. Earlier chunks go out at
 * once, and only the held tail and the new chunk are searched: a long run of chunks that each end
 * like the start of the key costs linear time. An event of another type releases them all.
 */
export function createSplitKeyGuard(secret: string, replacement = '[redacted]') {
  /** Held chunks from `head` on (released ones are dropped from the front by index). */
  let held: HeldChunk[] = []
  let head = 0
  let heldChars = 0
  /** The joined text's last characters: as much of the key's start as it can end with. */
  let tail = ''
  const lastOf = (text: string) => text.slice(Math.max(0, text.length - (secret.length - 1)))

  /** How many of the text's last characters are the start of the key. */
  const keyStartLength = (text: string) => {
    for (let length = Math.min(secret.length - 1, text.length); length > 0; length--) {
      if (text.endsWith(secret.slice(0, length))) return length
    }
    return 0
  }
  /** Lets go of the chunks in front of the last `keep` characters. */
  const releaseBefore = (keep: number) => {
    const released: UpstreamEvent[] = []
    while (head < held.length && heldChars - held[head]!.text.length >= keep) {
      heldChars -= held[head]!.text.length
      released.push(held[head++]!.event)
    }
    if (head === held.length) {
      held = []
      head = 0
      tail = ''
    } else if (head > 1024 && head * 2 > held.length) {
      held = held.slice(head)
      head = 0
    }
    return released
  }

  return {
    push(event: UpstreamEvent): UpstreamEvent[] {
      const chunk = textOf(event)
      if (chunk === undefined) return [...releaseBefore(0), event]
      const window = tail + chunk.text
      held.push({ event, ...chunk })
      heldChars += chunk.text.length
      if (window.includes(secret)) {
        // The key ends in this chunk and starts in it or in the held tail: one chunk for them all.
        const joined = held.slice(head).map((each) => each.text)
        const text = joined.join('').split(secret).join(replacement)
        const { parsed } = held[head]!
        const data = JSON.stringify({ ...parsed, content: text })
        held = [{ event: { lines: `data: ${data}`, data }, parsed, text }]
        head = 0
        heldChars = text.length
        tail = lastOf(text)
      } else {
        tail = lastOf(window)
      }
      return releaseBefore(keyStartLength(tail))
    },
    /** At the end of the stream: whatever is held goes out as it is. */
    flush: () => releaseBefore(0),
  }
}
