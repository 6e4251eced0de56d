/**
 * A synchronous `localStorage` stand-in for tests of `persist`, `follow` and thread lists: its
 * `items` can be read, changed or copied into a second one, as a reload or another tab would find
 * them. Spy on a method (`vi.spyOn(storage, 'setItem')`) to count writes.
 */
export function createMemoryStorage(
  entries: Iterable<[string, string]> | Record<string, string> = [],
) {
  const items = new Map(Symbol.iterator in entries ? entries : Object.entries(entries))
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

export type MemoryStorage = ReturnType<typeof createMemoryStorage>
