import { utf8Length } from './bytes'
import type {
  ClaimResult,
  RunEndReason,
  RunEntry,
  RunHead,
  RunRecord,
  RunStore,
  RunWriter,
} from './run-store'

export interface MemoryRunStoreOptions {
  /** Runs whose upstream is still open, at most; a start past it gets 503 `too_many_runs` before any upstream request. Default 1000. */
  maxLiveRuns?: number
  /** Bytes of events kept per run. Past it the oldest are dropped: live readers go on, a resume that needs them gets 410 `run_log_truncated`. Default 8 MiB. */
  maxBytesPerRun?: number
  /** Finished runs kept for late resumes, at most; past it the oldest finished run is dropped before its time. Default 10000. */
  maxRetainedRuns?: number
}

interface MemoryRun {
  record: RunRecord
  head?: RunHead
  events: string[]
  /** Index in `events` of the oldest kept event, and that event's id. */
  first: number
  firstId: number
  lastId: number
  bytes: number
  end?: RunEndReason
  readers: number
  waiting: Set<() => void>
  stopListeners: Array<() => void>
}

/** Node's timers would keep the process alive for a log nobody may ask for again. */
const unref = (timer: ReturnType<typeof setTimeout>) => {
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}

/** Run logs in this process's memory: resume works with no setup, on one instance. */
export function createMemoryRunStore(options: MemoryRunStoreOptions = {}): RunStore {
  const { maxLiveRuns = 1000, maxBytesPerRun = 8 * 1024 * 1024, maxRetainedRuns = 10_000 } = options
  const runs = new Map<string, MemoryRun>()
  /** Finished runs, oldest first, with the timer that drops each. */
  const retained = new Map<string, ReturnType<typeof setTimeout>>()
  let live = 0

  const wake = (run: MemoryRun) => {
    const waiting = [...run.waiting]
    run.waiting.clear()
    for (const resolve of waiting) resolve()
  }
  const changed = (run: MemoryRun, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done)
        resolve()
      }
      run.waiting.add(done)
      signal.addEventListener('abort', done, { once: true })
    })

  const drop = (key: string) => {
    clearTimeout(retained.get(key))
    retained.delete(key)
    runs.delete(key)
  }

  function writer(key: string, run: MemoryRun): RunWriter {
    return {
      async setHead(head) {
        run.head = head
        wake(run)
      },
      async append(lines) {
        for (const text of lines) {
          run.events.push(text)
          run.lastId++
          run.bytes += utf8Length(text)
        }
        while (run.bytes > maxBytesPerRun && run.firstId <= run.lastId) {
          run.bytes -= utf8Length(run.events[run.first]!)
          run.events[run.first++] = ''
          run.firstId++
        }
        // Dropping from the front by index, compacting now and then: no quadratic shifting.
        if (run.first > 1024 && run.first * 2 > run.events.length) {
          run.events = run.events.slice(run.first)
          run.first = 0
        }
        wake(run)
      },
      async end(reason, retainMs) {
        if (run.end !== undefined) return
        run.end = reason
        run.stopListeners = []
        live--
        wake(run)
        retained.set(key, unref(setTimeout(() => drop(key), retainMs)))
        if (retained.size > maxRetainedRuns) drop(retained.keys().next().value!)
      },
      async hasReaders() {
        return run.readers > 0
      },
      onStop(listener) {
        run.stopListeners.push(listener)
      },
    }
  }

  async function* read(
    key: string,
    afterId: number,
    signal: AbortSignal,
  ): AsyncGenerator<RunEntry> {
    const run = runs.get(key)
    if (run === undefined) return
    run.readers++
    try {
      if (afterId + 1 < run.firstId) return yield { kind: 'truncated' }
      while (run.head === undefined) {
        if (signal.aborted) return
        await changed(run, signal)
      }
      yield { kind: 'head', head: run.head }
      let next = afterId + 1
      while (!signal.aborted) {
        if (next < run.firstId) return yield { kind: 'truncated' }
        if (next <= run.lastId) {
          yield { kind: 'event', id: next, lines: run.events[run.first + next - run.firstId]! }
          next++
        } else if (run.end !== undefined) {
          return yield { kind: 'end', reason: run.end }
        } else {
          await changed(run, signal)
        }
      }
    } finally {
      run.readers--
    }
  }

  return {
    async claim(key, record): Promise<ClaimResult> {
      const existing = runs.get(key)
      if (existing !== undefined) return { status: 'exists', record: existing.record }
      if (live >= maxLiveRuns) return { status: 'full' }
      const run: MemoryRun = {
        record,
        events: [],
        first: 0,
        firstId: 1,
        lastId: 0,
        bytes: 0,
        readers: 0,
        waiting: new Set(),
        stopListeners: [],
      }
      runs.set(key, run)
      live++
      return { status: 'claimed', run: writer(key, run) }
    },
    async lookup(key) {
      return runs.get(key)?.record
    },
    read,
    async stop(key) {
      const run = runs.get(key)
      if (run === undefined) return false
      for (const listener of run.stopListeners.splice(0)) listener()
      return true
    },
  }
}
