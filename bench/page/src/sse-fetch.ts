/**
 * A `fetch` whose response streams SSE bytes made in the page, at a chosen pace, so the bench
 * drives the kit's real transport with no network in the way.
 */

export interface StreamPlan {
  /** Delivered at once before measuring: `run_started` and, for scaling runs, a long first chunk. */
  lead: Uint8Array[]
  /** The measured chunks, one SSE event each. */
  chunks: Uint8Array[]
  /** Delivered after the chunks: `run_completed`. */
  tail: Uint8Array[]
  /** Chunks per second, or 0 for as fast as the page reads them (one chunk per task). */
  rate: number
  /** Stop delivering chunks after this long (a slow baseline could otherwise take minutes). */
  capMilliseconds: number
  /** Awaited between the lead and the first measured chunk (the measurement starts there). */
  beforeMeasure: () => Promise<void>
}

export interface StreamProgress {
  /** Measured chunks handed to the reader so far. */
  delivered: number
}

const channel = new MessageChannel()
const waiting: Array<() => void> = []
channel.port1.onmessage = () => waiting.shift()?.()

/** Resolves in a new task (no 4 ms timer clamp), as a network read would. */
function nextTask() {
  return new Promise<void>((resolve) => {
    waiting.push(resolve)
    channel.port2.postMessage(null)
  })
}

const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, milliseconds)))

function concat(pieces: Uint8Array[]) {
  const joined = new Uint8Array(pieces.reduce((length, piece) => length + piece.length, 0))
  let offset = 0
  for (const piece of pieces) {
    joined.set(piece, offset)
    offset += piece.length
  }
  return joined
}

function createBody(plan: StreamPlan, progress: StreamProgress, signal?: AbortSignal | null) {
  let phase: 'lead' | 'wait' | 'chunks' | 'tail' = 'lead'
  let start = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (signal?.aborted) return controller.error(new DOMException('Aborted', 'AbortError'))
      if (phase === 'lead') {
        controller.enqueue(concat(plan.lead))
        phase = 'wait'
        return
      }
      if (phase === 'wait') {
        await plan.beforeMeasure()
        start = performance.now()
        phase = 'chunks'
      }
      const index = progress.delivered
      if (phase === 'chunks' && index < plan.chunks.length) {
        if (performance.now() - start < plan.capMilliseconds) {
          if (plan.rate === 0) {
            await nextTask()
            progress.delivered = index + 1
            return controller.enqueue(plan.chunks[index]!)
          }
          // Paced: everything due by now goes out in one read, as a network would batch it.
          await sleep(start + (index * 1000) / plan.rate - performance.now())
          const due = Math.floor(((performance.now() - start) * plan.rate) / 1000) + 1
          const end = Math.min(Math.max(due, index + 1), plan.chunks.length)
          progress.delivered = end
          return controller.enqueue(concat(plan.chunks.slice(index, end)))
        }
      }
      phase = 'tail'
      controller.enqueue(concat(plan.tail))
      controller.close()
    },
  })
}

/** A `fetch` that answers every request with the plan's stream. */
export function createSseFetch(plan: StreamPlan, progress: StreamProgress): typeof fetch {
  return async (_input, init) =>
    new Response(createBody(plan, progress, init?.signal), {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    })
}
