import type { StoreApi } from 'zustand/vanilla'
import { onOtherTabWrite } from './other-tabs'
import type { PersistStorage } from './persistence'
import { parseThreadIndex, type ThreadIndex } from './thread-index'
import type { ThreadListState } from './thread-list'

/** The thread list's storage: best-effort reads and writes, and the index shared with tabs. */
export interface ThreadStorage {
  /** Settles once the stored index has been read into the store. */
  ready: Promise<void>
  read(key: string, then: (text: string | null) => void): void
  write(action: (storage: PersistStorage) => void | Promise<void>): void
  /** Writes the store's index, keeping what another tab wrote meanwhile. */
  saveIndex(): void
  /** Adopts other tabs' writes of the index; returns the unfollow (none without a storage). */
  followIndex(): (() => void) | undefined
}

/** Calls `then` at once with a plain value, or when a promise fulfils; a rejection goes to `fail`. */
function whenSettled<T>(
  value: T | Promise<T>,
  then: (value: T) => void,
  fail: (e: unknown) => void,
) {
  if (value instanceof Promise) value.then(then, fail)
  else then(value)
}

/** A stored index; `undefined` for a missing one or one that is not JSON (start empty, not fail). */
function parseIndex(text: unknown): ThreadIndex | undefined {
  try {
    return typeof text === 'string' ? parseThreadIndex(JSON.parse(text)) : undefined
  } catch {
    return undefined
  }
}

/**
 * Starts reading the index kept under `indexKey` into `store`. `close` is called for each thread
 * of this tab's that another tab removed; `reportError` for a storage that refused.
 */
export function createThreadStorage(
  store: StoreApi<ThreadListState>,
  storage: PersistStorage | null,
  indexKey: string,
  reportError: (error: unknown) => void,
  close: (id: string) => void,
): ThreadStorage {
  /** The ids of the index as last read or written here: the base that tells who added or removed. */
  let known = new Set<string>()

  /** Storage calls never throw or reject into the list: a failed write is reported, not fatal. */
  function write(action: (storage: PersistStorage) => void | Promise<void>) {
    if (!storage) return
    try {
      whenSettled(action(storage), () => {}, reportError)
    } catch (error) {
      reportError(error)
    }
  }

  /**
   * Merges another tab's index into this one: threads added there are listed, threads removed
   * there (known here, gone there) are closed here. `theirs` wins for a thread both list when it
   * was just written there; this tab's own change, about to be written, wins otherwise. The
   * active thread stays this tab's own.
   */
  function merge(stored: ThreadIndex, theirs: boolean) {
    const { threads, activeId } = store.getState()
    const storedIds = new Set(stored.threads.map((thread) => thread.id))
    const ours = new Set(threads.map((thread) => thread.id))
    const gone = (id: string) => known.has(id) && !storedIds.has(id)
    const added = stored.threads.filter((thread) => !ours.has(thread.id) && !known.has(thread.id))
    const kept = threads.filter((thread) => !gone(thread.id))
    const next = theirs
      ? [...kept.filter((thread) => !storedIds.has(thread.id)), ...stored.threads]
      : [...added, ...kept]
    for (const id of ours) if (gone(id)) close(id)
    const position = threads.findIndex((thread) => thread.id === activeId)
    const active =
      activeId && gone(activeId) ? (next[position] ?? next[position - 1])?.id : activeId
    known = storedIds
    if (theirs || added.length || kept.length < threads.length) {
      store.setState({ threads: next, activeId: active })
    }
  }

  function saveIndex() {
    // Read back first: what another tab wrote meanwhile stays. Only a synchronous storage is
    // shared by tabs, and an app's backend is not asked for a read on every write.
    let stored: ThreadIndex | undefined
    try {
      if (synchronous) stored = parseIndex(storage?.getItem(indexKey))
    } catch {
      stored = undefined // Unreadable: this tab's index is written as it is.
    }
    if (stored) merge(stored, false)
    const { threads, activeId } = store.getState()
    known = new Set(threads.map((thread) => thread.id))
    const index: ThreadIndex = activeId ? { threads, activeId } : { threads }
    write((target) => target.setItem(indexKey, JSON.stringify({ version: 1, ...index })))
  }

  function load(index: ThreadIndex | undefined) {
    const current = store.getState()
    // Threads created while the index was loading stay, above the stored ones.
    const created = new Set(current.threads.map((thread) => thread.id))
    const stored = (index?.threads ?? []).filter((thread) => !created.has(thread.id))
    known = new Set(stored.map((thread) => thread.id))
    store.setState({
      status: 'ready',
      threads: [...current.threads, ...stored],
      activeId: current.activeId ?? index?.activeId ?? stored[0]?.id,
    })
  }

  /** Reads a key: at once from a synchronous storage; `null` for a failed or missing one. */
  function read(key: string, then: (text: string | null) => void) {
    let value: string | null | Promise<string | null> = null
    try {
      value = storage ? storage.getItem(key) : null
    } catch (error) {
      reportError(error)
    }
    whenSettled(value, then, (error) => {
      reportError(error)
      then(null)
    })
  }

  const ready = new Promise<void>((resolve) => {
    if (!storage) return resolve()
    read(indexKey, (text) => {
      load(parseIndex(text))
      resolve()
    })
  })

  /** A synchronous storage (localStorage) has been read by now. */
  const synchronous = storage !== null && store.getState().status === 'ready'

  /** Other tabs' writes of the index are adopted as they happen (a synchronous storage only). */
  const followIndex = () =>
    storage
      ? onOtherTabWrite(indexKey, storage, (text) => {
          const index = parseIndex(text)
          if (index && store.getState().status === 'ready') merge(index, true)
        })
      : undefined

  return { ready, read, write, saveIndex, followIndex }
}
