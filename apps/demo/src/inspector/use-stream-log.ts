import { useEffect, useMemo, useRef, useState } from 'react'
import type { RunEvent } from '@auteryn/client'
import type { RawStreamObserver } from './raw-stream'

export interface LogEntry {
  id: number
  /** Milliseconds since the request started. */
  elapsedMs: number
  /** Wall-clock time, for correlating with server logs. */
  at: number
  /** `control`: what the chat did to its run (reconnecting, re-attached, stop sent). */
  kind: 'raw' | 'event' | 'end' | 'control'
  text: string
}

export interface StreamLog extends RawStreamObserver {
  event(event: RunEvent): void
  /** A line about the run rather than its stream, such as "reconnecting". */
  note(text: string): void
}

/** Longer runs keep only their tail on screen; the counts stay exact. */
const visibleEntries = 400

/** The current run's raw lines and parsed events; updates are batched to one render per frame. */
export function useStreamLog(): [LogEntry[], { raw: number; events: number }, StreamLog] {
  const [entries, setEntries] = useState<LogEntry[]>([])
  const [counts, setCounts] = useState({ raw: 0, events: 0 })
  const pending = useRef<LogEntry[]>([])
  const frame = useRef<number | undefined>(undefined)
  const startedAt = useRef(performance.now())
  const nextId = useRef(0)
  // The client closes the connection itself once run_completed arrives; that is not an early end.
  const completed = useRef(false)

  useEffect(() => () => cancelAnimationFrame(frame.current ?? 0), [])

  const log = useMemo<StreamLog>(() => {
    function flush() {
      frame.current = undefined
      const added = pending.current
      pending.current = []
      setEntries((current) => [...current, ...added].slice(-visibleEntries))
      setCounts((current) => ({
        raw: current.raw + added.filter((entry) => entry.kind === 'raw').length,
        events: current.events + added.filter((entry) => entry.kind === 'event').length,
      }))
    }
    function add(kind: LogEntry['kind'], text: string) {
      pending.current.push({
        id: nextId.current++,
        elapsedMs: Math.round(performance.now() - startedAt.current),
        at: Date.now(),
        kind,
        text,
      })
      frame.current ??= requestAnimationFrame(flush)
    }
    return {
      begin({ method, lastEventId }) {
        // A re-attachment and a stop belong to the run on screen: its log goes on.
        if (method === 'DELETE') return add('control', 'DELETE sent: the route stops the run')
        if (lastEventId !== undefined) {
          return add('control', `re-attaching: POST with Last-Event-ID ${lastEventId}`)
        }
        startedAt.current = performance.now()
        completed.current = false
        pending.current = []
        setEntries([])
        setCounts({ raw: 0, events: 0 })
      },
      line: (text) => add('raw', text),
      end: (error) =>
        add(
          'end',
          !error
            ? 'stream ended'
            : completed.current
              ? 'connection closed after run_completed'
              : 'stream closed early',
        ),
      note: (text) => add('control', text),
      event: (event) => {
        if (event.type === 'run_completed') completed.current = true
        add('event', event.type)
      },
    }
  }, [])

  return [entries, counts, log]
}
