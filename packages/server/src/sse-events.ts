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

/**
 * Splits decoded SSE text into whole events, whatever the chunking. Each chunk is scanned once
 * (a long line arriving in many pieces costs linear time), and an event longer than `maxChars`
 * fails instead of growing without bound.
 */
export function createEventSplitter(maxChars: number) {
  let pending = ''
  let heldCarriageReturn = false
  return {
    push(text: string): UpstreamEvent[] {
      if (heldCarriageReturn) text = '\r' + text
      heldCarriageReturn = text.endsWith('\r')
      if (heldCarriageReturn) text = text.slice(0, -1)
      const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
      const searchFrom = Math.max(0, pending.length - 1)
      pending += normalised
      const events: UpstreamEvent[] = []
      let start = 0
      for (
        let end = pending.indexOf('\n\n', searchFrom);
        end !== -1;
        end = pending.indexOf('\n\n', start)
      ) {
        const event = toEvent(pending.slice(start, end))
        if (event !== undefined) events.push(event)
        start = end + 2
      }
      if (start > 0) pending = pending.slice(start)
      if (pending.length > maxChars) throw new EventTooLargeError('an upstream event is too large')
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
