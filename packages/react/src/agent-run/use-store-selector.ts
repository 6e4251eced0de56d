import { useCallback, useSyncExternalStore } from 'react'
import type { Conversation, ConversationStore } from '@auteryn/client'

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
  return useSyncExternalStore(subscribe, read, read)
}
