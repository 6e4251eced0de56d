/**
 * An unbounded FIFO between a push source (the SSE reader, which cannot be paused) and a
 * pull consumer (an async iterator): nothing is lost when the consumer is slower than the
 * network. After `end`, remaining items are still delivered, then the end (or its error).
 */
export interface EventQueue<T> {
  push(item: T): void
  /** Ends the queue: `next` then reports done, or throws `error` when one is given. */
  end(error?: unknown): void
  next(): Promise<IteratorResult<T, undefined>>
}

export function createEventQueue<T>(): EventQueue<T> {
  let items: T[] = []
  let head = 0
  let ending: { error?: unknown } | undefined
  let wake: (() => void) | undefined
  return {
    push(item) {
      if (ending) return
      items.push(item)
      wake?.()
    },
    end(error) {
      ending ??= error === undefined ? {} : { error }
      wake?.()
    },
    async next() {
      while (head === items.length) {
        if (ending) {
          if ('error' in ending) throw ending.error
          return { done: true, value: undefined }
        }
        await new Promise<void>((resolve) => (wake = resolve))
        wake = undefined
      }
      const value = items[head++] as T
      // Reading by index is O(1); the drained array is dropped instead of shifted.
      if (head === items.length) {
        items = []
        head = 0
      }
      return { done: false, value }
    },
  }
}
