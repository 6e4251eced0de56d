import type { Redactor } from './redact'
import { createEventSplitter, type UpstreamEvent } from './sse-events'

/** One upstream event larger than this ends the run: nothing holds an unbounded line. */
export const maxEventChars = 8 * 1024 * 1024

/**
 * Upstream SSE bytes → whole events, each with every form of the key redacted, the key split over
 * several text chunks included. `onEvent` sees each event as it goes out (for `run_started`,
 * `run_completed`). Both the resumable path and the pass-through path take events from here.
 */
export function createEventPipeline(redactor: Redactor, onEvent: (event: UpstreamEvent) => void) {
  const decoder = new TextDecoder()
  const splitter = createEventSplitter(maxEventChars)
  const guard = redactor.splitKeyGuard()
  const finish = (events: UpstreamEvent[]) =>
    events.map((event) => {
      onEvent(event)
      return redactor.text(event.lines)
    })
  return {
    /** The redacted lines of each event completed by these bytes. */
    push: (bytes: Uint8Array) =>
      finish(splitter.push(decoder.decode(bytes, { stream: true })).flatMap(guard.push)),
    /** At the end of the stream: events still held for the split-key check. */
    flush: () => finish(guard.flush()),
  }
}
