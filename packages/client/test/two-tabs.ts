/** A storage kept in memory, its items open to the test. */
export interface TestStorage {
  items: Map<string, string>
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/**
 * One origin's localStorage as two tabs see it: each tab has its own `Storage` object over the
 * same items, and a write in one is a `storage` event in the other (never in the writer).
 */
export function twoTabs(): readonly [TestStorage, TestStorage] {
  const items = new Map<string, string>()
  const facade = (): TestStorage => ({
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      const oldValue = items.get(key) ?? null
      items.set(key, value)
      if (oldValue !== value) tell(this, key, value)
    },
    removeItem(key) {
      if (!items.delete(key)) return
      tell(this, key, null)
    },
  })
  const tabs = [facade(), facade()] as const
  function tell(writer: object, key: string, newValue: string | null) {
    const storageArea = tabs.find((tab) => tab !== writer)
    window.dispatchEvent(Object.assign(new Event('storage'), { key, newValue, storageArea }))
  }
  return tabs
}
