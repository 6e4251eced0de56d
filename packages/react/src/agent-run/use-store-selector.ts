import { useCallback, useSyncExternalStore } from 'react'
import type { Conversation, ConversationStore } from '@auteryn/client'

/**
 * What a server render of a store shows. A persisted store restores from storage the moment it is
 * created in the browser, but the server has no storage: hydration must start from the same empty
 * conversation the server rendered, and React then moves on to the restored one.
 */
const serverConversations = new WeakMap<ConversationStore, () => Conversation>()

export function setServerConversation(store: ConversationStore, read: () => Conversation) {
  serverConversations.set(store, read)
}

/**
 * Reads one slice of a conversation store and re-renders only when that slice changes.
 * The selector must return a value that is stable while its inputs are (a field, not a new object).
 */
export function useStoreSelector<Selected>(
  store: ConversationStore,
  selector: (conversation: Conversation) => Selected,
): Selected {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store])
  const read = () => selector(store.getState())
  const readServer = () => selector((serverConversations.get(store) ?? store.getState)())
  return useSyncExternalStore(subscribe, read, readServer)
}
