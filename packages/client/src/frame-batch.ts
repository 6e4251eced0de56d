import type { ConversationStore } from './store'
import type { ConversationAction } from './types'
import { requestFrame, type CancelFrame } from './frame-scheduler'

/**
 * One run's writes waiting for the next animation frame, applied together in one store update:
 * however fast the stream, the store changes (and components render) at most once a frame.
 */
export interface FrameBatch {
  /** Queues an action; text queued before it is applied before it. */
  add(action: ConversationAction): void
  /**
   * Queues a text chunk as a bare string; a frame's text is applied as one chunk. A fast stream
   * holds one string per chunk until the frame, not an action, an event and a string.
   */
  addText(content: string): void
  /** Applies everything queued, now. */
  flush(): void
  /** Forgets everything queued and writes nothing (the run is over). */
  drop(): void
}

export function createFrameBatch(store: ConversationStore, runId: string): FrameBatch {
  let pending: ConversationAction[] = []
  let text: string[] = []
  let cancelFrame: CancelFrame | undefined

  const takeText = () => {
    if (text.length === 0) return
    const content = text.join('')
    text = []
    pending.push({ type: 'event', runId, event: { type: 'text_chunk', content } })
  }
  const schedule = () => {
    cancelFrame ??= requestFrame(() => {
      cancelFrame = undefined
      batch.flush()
    })
  }
  const cancel = () => {
    cancelFrame?.()
    cancelFrame = undefined
  }

  const batch: FrameBatch = {
    add(action) {
      takeText()
      pending.push(action)
      schedule()
    },
    addText(content) {
      text.push(content)
      schedule()
    },
    flush() {
      cancel()
      takeText()
      if (pending.length === 0) return
      const actions = pending
      pending = []
      store.dispatchMany(actions)
    },
    drop() {
      cancel()
      pending = []
      text = []
    },
  }
  return batch
}
