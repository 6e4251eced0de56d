/**
 * One SSE body for both live scenarios and replayed transcripts, so a replay takes exactly the
 * path a live run takes: same chunking, same pacing, same abort handling.
 */

/** A piece of a response body: text to send, or a simulated connection reset. */
export type BodyPiece = string | { reset: true }

export interface PacedStreamOptions {
  /** Pause before each piece, in milliseconds. Default 0 (no timers at all). */
  delayMs?: number
  /** Aborting it stops the stream at once and clears the pending timer. */
  signal?: AbortSignal | null
  /** Called once when the stream ends for any reason: finished, reset, aborted or cancelled. Default: none. */
  onClose?: () => void
}

const encoder = new TextEncoder()

/** The error a mid-stream `reset` piece raises, as a real network drop would. */
export function connectionResetError(): TypeError {
  return new TypeError('network error: the connection was reset by the mock agent')
}

export function abortError(signal?: AbortSignal | null): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

export function createPacedStream(
  pieces: readonly BodyPiece[],
  options: PacedStreamOptions = {},
): ReadableStream<Uint8Array> {
  const { delayMs = 0, signal, onClose } = options
  let index = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let wake: (() => void) | undefined
  let done = false

  const finish = () => {
    if (!done) onClose?.()
    done = true
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    signal?.removeEventListener('abort', onAbort)
  }
  let onAbort = () => {}

  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        if (done) return
        finish()
        controller.error(abortError(signal))
        wake?.()
      }
      if (signal?.aborted) onAbort()
      else signal?.addEventListener('abort', onAbort, { once: true })
    },
    async pull(controller) {
      if (done) return
      if (delayMs > 0) {
        await new Promise<void>((resolve) => {
          wake = resolve
          timer = setTimeout(resolve, delayMs)
        })
        timer = undefined
        wake = undefined
        if (done) return
      }
      const piece = pieces[index++]
      if (piece === undefined) {
        finish()
        controller.close()
      } else if (typeof piece === 'string') {
        controller.enqueue(encoder.encode(piece))
      } else {
        finish()
        controller.error(connectionResetError())
      }
    },
    cancel() {
      finish()
      wake?.()
    },
  })
}
