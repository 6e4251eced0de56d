import { createStore, type StoreApi } from 'zustand/vanilla'
import { createChat, type Chat } from './chat'
import type { RunSettings } from './chat-settings'
import { parseStoredConversation, serializeConversation, type PersistStorage } from './persistence'
import { createConversationStore, isAdopted, type ConversationStore } from './store'
import { summarize, type ThreadSummary } from './thread-index'
import { createThreadStorage } from './thread-storage'
import type { Conversation } from './types'

export interface ThreadListOptions {
  /** Prefix of every storage key (`<key>:index`, `<key>:<thread id>`). Default `'auteryn:threads'`. */
  key?: string
  /**
   * Where the index and the conversations are kept; may be async (an app's backend). `null`
   * keeps them in memory only. Default: `localStorage` when the environment has one.
   */
  storage?: PersistStorage | null
  /** Called when the storage refuses a read or a write; the list goes on in memory. Default: none. */
  onStorageError?: (error: unknown) => void
  /** The run settings of every thread's chat (endpoint, fetch, callbacks). Default: `createChat`'s. */
  chat?: RunSettings
}

export interface ThreadListState {
  /** `loading` until the stored index has been read (at once for a synchronous storage). */
  status: 'loading' | 'ready'
  /** Most recently updated first. */
  threads: ThreadSummary[]
  activeId: string | undefined
  /** The thread removed last, until it is restored or another is removed. */
  removed: ThreadSummary | undefined
  /** Threads with a run in flight, open or not: runs keep streaming in the background. */
  answeringIds: string[]
}

/** Many conversations, each with its own store and task, and their persisted index. */
export interface ThreadList {
  /** The index, as a zustand/vanilla store: subscribe and read with selectors. */
  store: StoreApi<ThreadListState>
  /** Settles once the stored index has been read. */
  ready: Promise<void>
  /** Adds an empty thread, makes it active and returns its id. */
  create(options?: { title?: string }): string
  /** Makes a thread active (an unknown id is ignored). */
  select(id: string): void
  /** Names a thread; its first question no longer does. A blank title is ignored. */
  rename(id: string, title: string): void
  /**
   * Removes a thread and its stored conversation; `undoRemove` brings both back. A run in
   * flight there is stopped first: its partial answer stays, marked stopped.
   */
  remove(id: string): void
  /** Restores the thread removed last, where it was, with its conversation. */
  undoRemove(): void
  /** A thread's chat, loading its conversation from storage the first time. */
  open(id: string): Promise<Chat>
  /** A thread's chat if it is open already (a synchronous storage opens at once). */
  opened(id: string): Chat | undefined
  /** Replaces every thread's run settings; they apply from each chat's next run. */
  setChatOptions(settings: RunSettings): void
  /**
   * Aborts every live run, writing nothing more (a page or component going away). The list
   * stays usable: a later send starts a new run.
   */
  dispose(): void
  /**
   * Takes the open threads back after `dispose` (a remount, as React's StrictMode does): each
   * follows the other tabs again, and a run the route keeps is re-attached to, not stopped.
   */
  resume(): void
}

interface Entry {
  chat: Chat
  unsubscribe: () => void
}

interface Removal {
  summary: ThreadSummary
  position: number
  entry: Entry | undefined
  /** The stored conversation, read before it is deleted, so that undo can write it back. */
  conversation: Promise<string | undefined>
  wasActive: boolean
}

let sequence = 0
function createThreadId(): string {
  sequence += 1
  return `thread_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${sequence}`
}

function defaultStorage(): PersistStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null // Reading localStorage itself throws in sandboxed frames.
  }
}

/**
 * Creates the list. Threads keep streaming when another is active: each has its own store, and
 * the index follows every store (title from the first question, message count, update time).
 */
export function createThreadList(options: ThreadListOptions = {}): ThreadList {
  const prefix = options.key ?? 'auteryn:threads'
  const storage = options.storage === undefined ? defaultStorage() : options.storage
  const conversationKey = (id: string) => `${prefix}:${id}`
  const entries = new Map<string, Entry>()
  const opening = new Map<string, Promise<Chat>>()
  let removal: Removal | undefined

  const store = createStore<ThreadListState>()(() => ({
    status: storage ? 'loading' : 'ready',
    threads: [],
    activeId: undefined,
    removed: undefined,
    answeringIds: [],
  }))
  let chatSettings: RunSettings = options.chat ?? {}

  const { ready, read, write, saveIndex, followIndex } = createThreadStorage(
    store,
    storage,
    `${prefix}:index`,
    (error) => options.onStorageError?.(error),
    (id) => {
      const entry = entries.get(id)
      if (!entry) return
      // Removed there with its conversation: nothing more of it is written here.
      entry.unsubscribe()
      entry.chat.dispose()
      entries.delete(id)
      markAnswering(id, false)
    },
  )
  let unfollowIndex = followIndex()

  function setIndex(patch: Partial<ThreadListState>) {
    store.setState(patch)
    saveIndex()
  }

  function saveConversation(id: string, conversation: Conversation) {
    const text = serializeConversation(conversation)
    write((target) =>
      text === undefined
        ? target.removeItem(conversationKey(id))
        : target.setItem(conversationKey(id), text),
    )
  }

  function markAnswering(id: string, answering: boolean) {
    const { answeringIds } = store.getState()
    if (answeringIds.includes(id) === answering) return
    store.setState({
      answeringIds: answering
        ? [...answeringIds, id]
        : answeringIds.filter((other) => other !== id),
    })
  }

  /** Follows a store: the index learns its title and count; the storage its settled state. */
  function attach(id: string, chat: Chat): Entry {
    const unsubscribe = chat.store.subscribe((conversation, previous) => {
      const live = ['submitted', 'streaming', 'reconnecting'].includes(conversation.status)
      markAnswering(id, live)
      // Written when a run starts and when it settles, not on every streamed chunk; what
      // another tab stored is its to write.
      if (conversation.status !== 'streaming' && !isAdopted(conversation)) {
        saveConversation(id, conversation)
      }
      if (conversation.messages.length === previous.messages.length) return
      const { threads } = store.getState()
      const position = threads.findIndex((thread) => thread.id === id)
      const summary = threads[position]
      if (!summary) return
      const next = summarize(summary, conversation, Date.now())
      if (next === summary) return
      // The thread written to last moves to the top.
      setIndex({ threads: [next, ...threads.filter((thread) => thread.id !== id)] })
    })
    const entry = { chat, unsubscribe }
    entries.set(id, entry)
    return entry
  }

  /** Each thread's chat follows the other tabs that write its conversation's key. */
  const chatFor = (id: string, conversationStore: ConversationStore) =>
    createChat({
      ...chatSettings,
      store: conversationStore,
      follow: storage ? { key: conversationKey(id), storage } : undefined,
    })

  /** A thread's stored text as it is, for a thread never opened (nothing to serialise). */
  function readStored(id: string): Promise<string | undefined> {
    return new Promise((resolve) => read(conversationKey(id), (text) => resolve(text ?? undefined)))
  }

  const exists = (id: string) => store.getState().threads.some((thread) => thread.id === id)

  function open(id: string): Promise<Chat> {
    const entry = entries.get(id)
    if (entry) return Promise.resolve(entry.chat)
    const pending = opening.get(id)
    if (pending) return pending
    const promise = new Promise<Chat>((resolve) => {
      read(conversationKey(id), (text) => {
        opening.delete(id)
        // Opened twice, removed or restored meanwhile: the first store wins, never a second one.
        const existing = entries.get(id)
        if (existing) return resolve(existing.chat)
        const conversationStore = createConversationStore()
        let restored: Conversation | undefined
        try {
          restored = parseStoredConversation(text)
        } catch {
          restored = undefined // Not JSON: the thread opens empty rather than fail.
        }
        if (restored) conversationStore.setState(restored, true)
        const chat = chatFor(id, conversationStore)
        // Removed meanwhile: a chat of its own that nothing keeps, never an orphan in storage.
        if (exists(id)) {
          attach(id, chat)
          // A run the route keeps, left live by a reload, is re-attached to (never re-sent).
          chat.resume()
        }
        resolve(chat)
      })
    })
    if (!entries.has(id)) opening.set(id, promise) // A synchronous storage has opened it already.
    return promise
  }

  return {
    store,
    ready,
    create({ title } = {}) {
      const id = createThreadId()
      const now = Date.now()
      const name = title?.trim()
      const summary: ThreadSummary = {
        id,
        title: name ?? '',
        createdAt: now,
        updatedAt: now,
        messageCount: 0,
      }
      if (name) summary.named = true
      const chat = chatFor(id, createConversationStore())
      attach(id, chat)
      chat.resume() // Nothing to re-attach yet: it starts following the other tabs.
      setIndex({ threads: [summary, ...store.getState().threads], activeId: id })
      return id
    },
    select(id) {
      if (exists(id) && store.getState().activeId !== id) setIndex({ activeId: id })
    },
    rename(id, title) {
      const name = title.trim()
      if (name === '') return
      const threads = store
        .getState()
        .threads.map((thread) =>
          thread.id === id ? { ...thread, title: name, named: true } : thread,
        )
      setIndex({ threads })
    },
    remove(id) {
      const { threads, activeId } = store.getState()
      const position = threads.findIndex((thread) => thread.id === id)
      const summary = threads[position]
      if (!summary) return
      const entry = entries.get(id)
      entry?.chat.stop()
      entry?.unsubscribe()
      entries.delete(id)
      markAnswering(id, false)
      const conversation = entry
        ? Promise.resolve(serializeConversation(entry.chat.store.getState()))
        : readStored(id)
      removal = { summary, position, entry, conversation, wasActive: activeId === id }
      const rest = threads.filter((thread) => thread.id !== id)
      // The neighbour below takes the removed thread's place, or the one above at the end.
      const nextActive = activeId === id ? (rest[position] ?? rest[position - 1])?.id : activeId
      setIndex({ threads: rest, activeId: nextActive, removed: summary })
      void conversation.then(() => write((target) => target.removeItem(conversationKey(id))))
    },
    undoRemove() {
      const undo = removal
      if (!undo || exists(undo.summary.id)) return
      removal = undefined
      const { summary, position, entry, conversation, wasActive } = undo
      if (entry) attach(summary.id, entry.chat)
      // After the removal's own delete, which was queued on the same read.
      void conversation.then((text) => {
        if (text !== undefined) write((target) => target.setItem(conversationKey(summary.id), text))
      })
      const threads = store.getState().threads.slice()
      threads.splice(Math.min(position, threads.length), 0, summary)
      const activeId = wasActive ? summary.id : store.getState().activeId
      setIndex({ threads, activeId, removed: undefined })
    },
    open,
    opened: (id) => entries.get(id)?.chat,
    setChatOptions(settings) {
      chatSettings = settings
      for (const entry of entries.values()) entry.chat.setOptions(settings)
    },
    dispose() {
      unfollowIndex?.()
      unfollowIndex = undefined
      for (const entry of entries.values()) entry.chat.dispose()
    },
    resume() {
      unfollowIndex ??= followIndex()
      for (const entry of entries.values()) entry.chat.resume()
    },
  }
}
