/**
 * An unbounded FIFO between a push source (the SSE reader, which cannot be paused) and a
 * pull consumer (`for await`): nothing is lost when the consumer is slower than the network.
 * After `end`, remaining items are still delivered, then the end (or its error). A hand-written
 * iterator, not an async generator: a queued item costs one resolved promise, where a
 * generator's `yield` costs several promise hops per event.
 */
export interface EventQueue<T> extends AsyncIterableIterator<T, undefined> {
  push(item: T): void
  /** Ends the queue: `next` then reports done, or throws `error` when one is given. */
  end(error?: unknown): void
}

/** `open` runs on the first `next`; `close` when the consumer leaves early (`return`). */
export function createEventQueue<T>(open: (() => void) | undefined, close: () => void) {
  let items: T[] = []
  let head = 0
  let ending: { error?: unknown } | undefined
  let wake: (() => void) | undefined
  const queue: EventQueue<T> = {
    [Symbol.asyncIterator]: () => queue,
    push(item) {
      if (ending) return
      items.push(item)
      wake?.()
    },
    end(error) {
      ending ??= error === undefined ? {} : { error }
      wake?.()
    },
    next() {
      open?.()
      open = undefined
      if (head < items.length) return Promise.resolve({ done: false, value: items[head++] as T })
      // Reading by index is O(1); the drained array is dropped instead of shifted.
      items = []
      head = 0
      return waitThenNext()
    },
    // Leaving the loop: what is still queued is dropped, and later calls report done.
    return() {
      ending = {}
      head = items.length
      close()
      return waitThenNext()
    },
  }
  async function waitThenNext(): Promise<IteratorResult<T, undefined>> {
    if (ending) {
      if ('error' in ending) throw ending.error
      return { done: true, value: undefined }
    }
    await new Promise<void>((resolve) => (wake = resolve))
    wake = undefined
    return queue.next()
  }
  return queue
}
