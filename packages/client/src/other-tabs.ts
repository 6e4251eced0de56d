/**
 * Calls `then` with the new value each time another tab writes `key` in `storage`: browsers
 * send a `storage` event to every tab of the origin but the writer. Returns the unsubscribe;
 * outside a browser there is nothing to hear.
 */
export function onOtherTabWrite(
  key: string,
  storage: unknown,
  then: (value: string | null) => void,
): () => void {
  if (typeof window === 'undefined') return () => {}
  const listener = (event: StorageEvent) => {
    if (event.key === key && event.storageArea === storage) then(event.newValue)
  }
  window.addEventListener('storage', listener)
  return () => window.removeEventListener('storage', listener)
}
