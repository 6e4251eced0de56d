import { afterEach, describe, expect, test, vi } from 'vitest'
import { createThreadList, type ThreadList } from './thread-list'
import type { ConversationStore } from './store'
import { twoTabs, type TestStorage } from '../test/two-tabs'

const key = 'auteryn:threads'
const lists: ThreadList[] = []
afterEach(() => lists.splice(0).forEach((list) => list.dispose()))

function listOn(storage: TestStorage) {
  const list = createThreadList({ key, storage })
  lists.push(list)
  return list
}

/** Two tabs of one origin, each with its thread list; tab A holds one named thread. */
function twoLists() {
  const [storageA, storageB] = twoTabs()
  const listA = listOn(storageA)
  const first = listA.create({ title: 'First' })
  const listB = listOn(storageB)
  return { storageA, storageB, listA, listB, first }
}

const titles = (list: ThreadList) => list.store.getState().threads.map((thread) => thread.title)
const storedTitles = (storage: TestStorage) =>
  (
    JSON.parse(storage.getItem(`${key}:index`) ?? 'null') as { threads: { title: string }[] }
  ).threads.map((thread) => thread.title)

/** A whole question and answer, as a chat writes it. */
function ask(store: ConversationStore, query: string) {
  const runId = `run ${query}`
  store.dispatch({
    type: 'send',
    runId,
    query,
    userMessageId: `u ${query}`,
    assistantMessageId: `a ${query}`,
  })
  store.dispatch({ type: 'event', runId, event: { type: 'text_chunk', content: 'Answer' } })
  store.dispatch({
    type: 'event',
    runId,
    event: { type: 'run_completed', runId: `server ${query}`, creditsUsed: 1, durationMs: 1 },
  })
}

/** Tab B writes while its `storage` event has not reached tab A yet. */
function unheard(storage: TestStorage, write: () => void) {
  const { setItem, removeItem } = storage
  storage.setItem = (written, value) => void storage.items.set(written, value)
  storage.removeItem = (removed) => void storage.items.delete(removed)
  write()
  Object.assign(storage, { setItem, removeItem })
}

describe('two tabs on one stored thread list', () => {
  test('a thread created in one tab is listed in the other, whose open thread stays its own', () => {
    const { listA, listB, first } = twoLists()
    listB.create({ title: 'From B' })
    expect(titles(listA)).toEqual(['From B', 'First'])
    expect(listA.store.getState().activeId).toBe(first)
  })

  test("a tab's next write keeps the thread another tab created", () => {
    const { storageA, storageB, listA, listB } = twoLists()
    listB.create({ title: 'From B' })
    listA.create({ title: 'Second in A' })
    expect(storedTitles(storageA)).toEqual(['Second in A', 'From B', 'First'])
    expect(titles(listB)).toEqual(['Second in A', 'From B', 'First'])
    // A reload of either tab lists all three.
    expect(titles(listOn({ ...storageB }))).toEqual(['Second in A', 'From B', 'First'])
  })

  test('a write keeps a thread created in another tab whose event is still on its way', () => {
    const { storageA, storageB, listA, listB, first } = twoLists()
    unheard(storageB, () => listB.create({ title: 'From B' }))
    expect(titles(listA)).toEqual(['First'])
    listA.rename(first, 'Renamed in A')
    expect(storedTitles(storageA)).toEqual(['From B', 'Renamed in A'])
    expect(titles(listA)).toEqual(['From B', 'Renamed in A'])
  })

  test('a rename in one tab shows in the other', () => {
    const { listA, listB, first } = twoLists()
    listB.rename(first, 'Renamed in B')
    expect(titles(listA)).toEqual(['Renamed in B'])
  })

  test('a thread removed in one tab leaves the other, and its later writes do not bring it back', () => {
    const { storageA, listA, listB, first } = twoLists()
    const second = listB.create({ title: 'Second' })
    listB.remove(second)
    expect(titles(listA)).toEqual(['First'])
    listA.rename(first, 'Renamed in A')
    expect(storedTitles(storageA)).toEqual(['Renamed in A'])
    expect(titles(listB)).toEqual(['Renamed in A'])
  })

  test('a write does not bring back a thread removed in another tab whose event is on its way', () => {
    const { storageA, storageB, listA, listB, first } = twoLists()
    const second = listA.create({ title: 'Second' })
    unheard(storageB, () => listB.remove(first))
    listA.rename(second, 'Renamed in A')
    expect(storedTitles(storageA)).toEqual(['Renamed in A'])
    expect(titles(listA)).toEqual(['Renamed in A'])
  })

  test('a disposed list follows the other tab no more, and again once resumed (a remount)', () => {
    const { listA, listB } = twoLists()
    listA.dispose()
    listB.create({ title: 'Unheard' })
    expect(titles(listA)).toEqual(['First'])
    listA.resume()
    listB.create({ title: 'Heard' })
    expect(titles(listA)).toEqual(['Heard', 'Unheard', 'First'])
  })

  test('the thread open in a tab, removed in the other: its neighbour opens, or none', async () => {
    const { storageA, listA, listB, first } = twoLists()
    const second = listA.create({ title: 'Second' })
    const chat = await listA.open(second)
    ask(chat.store, 'What is open?')
    expect(storageA.getItem(`${key}:${second}`)).not.toBeNull()
    listB.remove(second)
    expect(listA.store.getState()).toMatchObject({ activeId: first })
    expect(listA.opened(second)).toBeUndefined()
    await vi.waitFor(() => expect(storageA.getItem(`${key}:${second}`)).toBeNull())
    // What the removed thread's chat still does here is never stored again.
    ask(chat.store, 'And closed?')
    expect(storageA.getItem(`${key}:${second}`)).toBeNull()
    expect(storedTitles(storageA)).toEqual(['First'])
    // The last one removed there: nothing is open here (a new thread is the caller's to make).
    listB.remove(first)
    expect(listA.store.getState()).toMatchObject({ threads: [], activeId: undefined })
  })
})
