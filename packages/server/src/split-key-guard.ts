import { isEventType, type UpstreamEvent } from './sse-events'

/** The text of a `text_chunk` event, or `undefined` for any other event. */
function textOf(
  event: UpstreamEvent,
): { parsed: Record<string, unknown>; text: string } | undefined {
  if (!isEventType(event, 'text_chunk')) return undefined
  const parsed = JSON.parse(event.data) as Record<string, unknown>
  return typeof parsed.content === 'string' ? { parsed, text: parsed.content } : undefined
}

/**
 * The browser joins `text_chunk` contents, so a key cut over two (or ten) chunks passes every
 * per-event check. A chunk whose joined text ends with the start of the key is held until the
 * next event decides: if the key goes on, the held chunks become one chunk with the key
 * replaced; if not, they go on unchanged. An event of another type releases them first.
 */
export function createSplitKeyGuard(secret: string, replacement = '[redacted]') {
  let held: UpstreamEvent[] = []
  let heldText = ''
  let first: Record<string, unknown> | undefined

  const endsWithKeyStart = (text: string) => {
    for (let length = Math.min(secret.length - 1, text.length); length > 0; length--) {
      if (text.endsWith(secret.slice(0, length))) return true
    }
    return false
  }
  const release = () => {
    const released = held
    held = []
    heldText = ''
    first = undefined
    return released
  }

  return {
    push(event: UpstreamEvent): UpstreamEvent[] {
      const chunk = textOf(event)
      if (chunk === undefined) return [...release(), event]
      held.push(event)
      heldText += chunk.text
      first ??= chunk.parsed
      if (heldText.includes(secret)) {
        heldText = heldText.split(secret).join(replacement)
        const data = JSON.stringify({ ...first, content: heldText })
        held = [{ lines: `data: ${data}`, data }]
      }
      return endsWithKeyStart(heldText) ? [] : release()
    },
    /** At the end of the stream: whatever is held goes out as it is. */
    flush: release,
  }
}
