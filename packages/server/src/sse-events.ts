/** One upstream event as the proxy keeps it: its lines (no `id:`, `retry:` or comments), `\n`-joined. */
export interface UpstreamEvent {
  lines: string
  /** The joined `data:` payload, for the few checks the proxy makes (`run_completed`, `run_started`). */
  data: string
}

export class EventTooLargeError extends Error {}

function toEvent(block: string): UpstreamEvent | undefined {
  const kept: string[] = []
  const data: string[] = []
  for (const line of block.split('\n')) {
    const field = line.slice(0, (line.indexOf(':') + 1 || line.length + 1) - 1)
    // `id` and `retry` are the proxy's own to set; comments are keep-alives for this hop only.
    if (field === '' || field === 'id' || field === 'retry') continue
    kept.push(line)
    if (field === 'data') data.push(line.slice(line.startsWith('data: ') ? 6 : 5))
  }
  // Without a data line the browser would dispatch nothing: there is no event to number.
  return data.length === 0 ? undefined : { lines: kept.join('\n'), data: data.join('\n') }
}

/** Where the next blank line (`\n\n`, line ends already normalised) starts, or -1. */
export const findBlankLine = (text: string, from: number) => text.indexOf('\n\n', from)

/**
 * Splits decoded SSE text into whole events, whatever the chunking. Only the text that just
 * arrived is searched for the blank line that ends an event, and an open event's pieces are
 * joined once, when it ends: a long event arriving in many small reads costs linear time (a
 * string grown by `+=` is copied whole when searched, so searching it on every read is
 * quadratic). An event longer than `maxChars` fails instead of growing without bound. `find` is
 * the search, so a test can see what it is handed.
 */
export function createEventSplitter(maxChars: number, find = findBlankLine) {
  /** The open event's text so far, in the pieces it arrived in. */
  let pending: string[] = []
  let pendingChars = 0
  let pendingEndsWithLineFeed = false
  let heldCarriageReturn = false
  const take = (last: string) => {
    const block = pending.length === 0 ? last : pending.join('') + last
    pending = []
    pendingChars = 0
    pendingEndsWithLineFeed = false
    return block
  }
  return {
    push(text: string): UpstreamEvent[] {
      if (heldCarriageReturn) text = '\r' + text
      heldCarriageReturn = text.endsWith('\r')
      if (heldCarriageReturn) text = text.slice(0, -1)
      const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
      const events: UpstreamEvent[] = []
      const emit = (block: string) => {
        const event = toEvent(block)
        if (event !== undefined) events.push(event)
      }
      let start = 0
      // The blank line split between the last read and this one.
      if (pendingEndsWithLineFeed && normalised.startsWith('\n')) {
        emit(take('').slice(0, -1))
        start = 1
      }
      for (let end = find(normalised, start); end !== -1; end = find(normalised, start)) {
        emit(take(normalised.slice(start, end)))
        start = end + 2
      }
      if (start < normalised.length) {
        const rest = start === 0 ? normalised : normalised.slice(start)
        pending.push(rest)
        pendingChars += rest.length
        pendingEndsWithLineFeed = rest.endsWith('\n')
      }
      if (pendingChars > maxChars) throw new EventTooLargeError('an upstream event is too large')
      return events
    },
  }
}

/** Whether a wire event has this `type`, without parsing events that cannot have it. */
export function isEventType(event: UpstreamEvent, expected: string): boolean {
  if (!event.data.includes(expected)) return false
  try {
    const parsed: unknown = JSON.parse(event.data)
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { type?: unknown }).type === expected
    )
  } catch {
    return false
  }
}

/** The ids a `run_started` event carries, or `undefined` for any other event. */
export function runStartedOf(event: UpstreamEvent): { runId: string; taskId: string } | undefined {
  if (!isEventType(event, 'run_started')) return undefined
  const { run_id: runId, task_id: taskId } = JSON.parse(event.data) as Record<string, unknown>
  return typeof runId === 'string' && typeof taskId === 'string' ? { runId, taskId } : undefined
}
