import { createStore, type StoreApi } from 'zustand/vanilla'
import { createPersistence, type PersistOptions } from './persistence'
import { createConversation, reduceConversationBatch } from './reducer'
import type { Conversation, ConversationAction } from './types'

/** A zustand/vanilla store of one conversation; every change goes through the reducer. */
export interface ConversationStore extends StoreApi<Conversation> {
  /** Applies one action and notifies subscribers if the conversation changed. */
  dispatch(action: ConversationAction): void
  /** Applies all actions in order and notifies subscribers once (for per-frame batching). */
  dispatchMany(actions: readonly ConversationAction[]): void
  /** Replaces the conversation with one another tab stored, without storing it again. */
  adopt(conversation: Conversation): void
}

export interface ConversationStoreOptions {
  /** Continue this task (ignored when a persisted conversation is restored). Default: a new task. */
  taskId?: string
  /** Keep the conversation in storage across reloads. Default: not persisted. */
  persist?: PersistOptions
}

/** Conversations as another tab stored them, until this tab changes them. */
const adopted = new WeakSet<Conversation>()

/**
 * Whether `conversation` is one that another tab stored and `adopt` took in unchanged: storing
 * it back could overwrite a newer write of that tab, and the tabs would answer each other.
 */
export function isAdopted(conversation: Conversation): boolean {
  return adopted.has(conversation)
}

/** Create one store per chat (e.g. in `useState(() => createConversationStore())`). */
export function createConversationStore(options: ConversationStoreOptions = {}): ConversationStore {
  const persistence = options.persist && createPersistence(options.persist)
  const initial = persistence?.load() ?? createConversation(options.taskId)
  const store = createStore<Conversation>()(() => initial)
  if (persistence) {
    // Written when a run starts and when it settles, not on every streamed chunk.
    store.subscribe((state) => {
      if (state.status !== 'streaming' && !isAdopted(state)) persistence.save(state)
    })
  }
  // zustand notifies no one when the state is the same object (an ignored action).
  const dispatchMany = (actions: readonly ConversationAction[]) =>
    store.setState(reduceConversationBatch(store.getState(), actions), true)
  const adopt = (conversation: Conversation) => {
    // The reducer takes a replacement as it is: subscribers see this very object.
    adopted.add(conversation)
    dispatchMany([{ type: 'replace', conversation }])
  }
  return { ...store, dispatch: (action) => dispatchMany([action]), dispatchMany, adopt }
}
