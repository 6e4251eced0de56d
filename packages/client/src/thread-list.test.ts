import { describe, expect, test, vi } from 'vitest'
import type { PersistStorage } from './persistence'
import type { ConversationStore } from './store'
import { createThreadList } from './thread-list'
import { createMemoryStorage } from '@auteryn/testing'

/** A memory storage whose writes the tests count. */
function memoryStorage(initial: Record<string, string> = {}) {
  const storage = createMemoryStorage(initial)
  return { ...storage, setItem: vi.fn(storage.setItem), removeItem: vi.fn(storage.removeItem) }
}

/** A backend-like storage: every call answers later, as a promise. */
function asyncStorage(values = new Map<string, string>()) {
  const later = <T>(value: () => T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value()), 5))
  const storage: PersistStorage = {
    getItem: (key) => later(() => values.get(key) ?? null),
    setItem: (key, value) => later(() => void values.set(key, value)),
    removeItem: (key) => later(() => void values.delete(key)),
  }
  return Object.assign(storage, { values })
}

let run = 0
/** A whole question and answer, as the chat writes it. */
function ask(store: ConversationStore, query: string, answer = `Answer to ${query}`) {
  run += 1
  const runId = `r${run}`
  store.dispatch({
    type: 'send',
    runId,
    query,
    userMessageId: `u${run}`,
    assistantMessageId: `a${run}`,
  })
  store.dispatch({ type: 'event', runId, event: { type: 'text_chunk', content: answer } })
  store.dispatch({
    type: 'event',
    runId,
    event: { type: 'run_completed', runId: `srv${run}`, creditsUsed: 2, durationMs: 9 },
  })
}

const titles = (list: ReturnType<typeof createThreadList>) =>
  list.store.getState().threads.map((thread) => thread.title)

describe('createThreadList', () => {
  test('a new thread is active, titled by its first question, and moves up when written to', async () => {
    const list = createThreadList({ storage: memoryStorage() })
    const first = list.create()
    const second = list.create()
    expect(list.store.getState()).toMatchObject({ status: 'ready', activeId: second })
    ask((await list.open(first)).store, '  What are the\nopen P1 bugs? ')
    expect(list.store.getState().threads[0]).toMatchObject({
      id: first,
      title: 'What are the open P1 bugs?',
      messageCount: 2,
    })
    ask((await list.open(second)).store, 'Find a slot')
    expect(titles(list)).toEqual(['Find a slot', 'What are the open P1 bugs?'])
  })

  test('each thread has its own conversation: nothing of one shows in another', async () => {
    const list = createThreadList({ storage: null })
    const first = (await list.open(list.create())).store
    const second = (await list.open(list.create())).store
    ask(first, 'First question')
    expect(second.getState().messages).toEqual([])
    expect(second.getState().taskId).toBeUndefined()
    expect(second.getState().credits.total).toBe(0)
  })

  test('a reload finds every thread, the active one and each conversation', async () => {
    const storage = memoryStorage()
    const before = createThreadList({ storage })
    const first = before.create()
    ask((await before.open(first)).store, 'First')
    const second = before.create()
    ask((await before.open(second)).store, 'Second')
    before.select(first)

    const after = createThreadList({ storage })
    expect(after.store.getState()).toMatchObject({ status: 'ready', activeId: first })
    expect(titles(after)).toEqual(['Second', 'First'])
    const restored = (await after.open(first)).store.getState()
    expect(restored.messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(restored.messages[1]).toMatchObject({ parts: [{ text: 'Answer to First' }] })
  })

  test('writes storage when a run starts and settles, not on every streamed chunk', async () => {
    const storage = memoryStorage()
    const list = createThreadList({ storage })
    const store = (await list.open(list.create())).store
    storage.setItem.mockClear()
    store.dispatch({
      type: 'send',
      runId: 'r',
      query: 'Q',
      userMessageId: 'u',
      assistantMessageId: 'a',
    })
    store.dispatch({
      type: 'event',
      runId: 'r',
      event: { type: 'run_started', runId: 's', taskId: 't' },
    })
    for (let index = 0; index < 50; index++) {
      store.dispatch({ type: 'event', runId: 'r', event: { type: 'text_chunk', content: 'x' } })
    }
    const conversationWrites = () =>
      storage.setItem.mock.calls.filter(([key]) => !key.endsWith(':index')).length
    expect(conversationWrites()).toBe(1)
    store.dispatch({ type: 'stop', runId: 'r' })
    expect(conversationWrites()).toBe(2)
  })

  test('rename names a thread for good; a blank name is ignored', async () => {
    const list = createThreadList({ storage: null })
    const id = list.create()
    list.rename(id, '  Reviews ')
    list.rename(id, '   ')
    ask((await list.open(id)).store, 'A question that would title it')
    expect(titles(list)).toEqual(['Reviews'])
    expect(list.create({ title: 'Named at birth' })).toBeTypeOf('string')
    expect(list.store.getState().threads[0]).toMatchObject({ title: 'Named at birth', named: true })
  })

  test('remove deletes the conversation, the neighbour becomes active, undo brings both back', async () => {
    const storage = memoryStorage()
    const list = createThreadList({ storage })
    const [a, b, c] = [list.create(), list.create(), list.create()]
    ask((await list.open(b)).store, 'Middle')
    list.select(b)
    const order = list.store.getState().threads.map((thread) => thread.id)
    list.remove(b)
    await Promise.resolve()
    expect(list.store.getState()).toMatchObject({ activeId: order[1 + order.indexOf(b)] ?? a })
    expect(list.store.getState().removed?.id).toBe(b)
    expect([...storage.items.keys()].some((key) => key.endsWith(b))).toBe(false)

    list.undoRemove()
    await Promise.resolve()
    expect(list.store.getState().threads.map((thread) => thread.id)).toEqual(order)
    expect(list.store.getState()).toMatchObject({ activeId: b, removed: undefined })
    const reloaded = createThreadList({ storage })
    expect((await reloaded.open(b)).store.getState().messages).toHaveLength(2)
    expect(c).not.toBe(a)
  })

  test('undo restores a thread that was never opened since the reload', async () => {
    const storage = memoryStorage()
    const before = createThreadList({ storage })
    const id = before.create()
    ask((await before.open(id)).store, 'Kept')
    const after = createThreadList({ storage })
    after.remove(id)
    await Promise.resolve()
    expect(storage.items.has(`auteryn:threads:${id}`)).toBe(false)
    after.undoRemove()
    await Promise.resolve()
    await Promise.resolve()
    const restored = createThreadList({ storage })
    expect((await restored.open(id)).store.getState().messages[0]).toMatchObject({ text: 'Kept' })
  })

  test('an async storage: loading, then ready; a thread made meanwhile stays', async () => {
    const storage = asyncStorage()
    const before = createThreadList({ storage })
    await before.ready
    const id = before.create()
    ask((await before.open(id)).store, 'Stored on a backend')
    await new Promise((resolve) => setTimeout(resolve, 20))

    const after = createThreadList({ storage })
    expect(after.store.getState().status).toBe('loading')
    const early = after.create()
    await after.ready
    expect(after.store.getState()).toMatchObject({ status: 'ready', activeId: early })
    expect(titles(after)).toEqual(['', 'Stored on a backend'])
    expect(after.opened(id)).toBeUndefined()
    const opened = (await after.open(id)).store
    expect(opened.getState().messages[0]).toMatchObject({ text: 'Stored on a backend' })
    expect((await after.open(id)).store).toBe(opened)
  })

  test('a thread removed while its conversation loads leaves nothing behind in storage', async () => {
    const storage = asyncStorage()
    const before = createThreadList({ storage })
    await before.ready
    const id = before.create()
    ask((await before.open(id)).store, 'Soon gone')
    await new Promise((resolve) => setTimeout(resolve, 20))

    const after = createThreadList({ storage })
    await after.ready
    const opening = after.open(id)
    after.remove(id)
    const chat = await opening
    // Written after the removal's delete has landed: it would stay, an orphan nobody lists.
    await new Promise((resolve) => setTimeout(resolve, 40))
    ask(chat.store, 'Written to a removed thread')
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(storage.values.has(`auteryn:threads:${id}`)).toBe(false)
    expect(after.store.getState().threads).toEqual([])
  })

  test('a storage that throws or rejects is reported; the list goes on in memory', async () => {
    const onStorageError = vi.fn()
    const storage: PersistStorage = {
      getItem: () => Promise.reject(new Error('offline')),
      setItem: () => {
        throw new Error('quota')
      },
      removeItem: () => Promise.reject(new Error('offline')),
    }
    const list = createThreadList({ storage, onStorageError })
    await list.ready
    expect(list.store.getState().status).toBe('ready')
    const id = list.create()
    const store = (await list.open(id)).store
    ask(store, 'Still works')
    list.remove(id)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(onStorageError).toHaveBeenCalledWith(new Error('quota'))
    expect(onStorageError).toHaveBeenCalledWith(new Error('offline'))
  })

  test('a thread opens with only what can render of its stored conversation', async () => {
    const index = {
      version: 1,
      threads: [{ id: 'x', title: 'X', createdAt: 1, updatedAt: 1, messageCount: 2 }],
    }
    const error = { kind: 'weird', message: 'm' }
    const conversation = {
      messages: [
        { id: 'u', role: 'user', text: 'Q' },
        {
          id: 'a',
          role: 'assistant',
          status: 'error',
          error,
          parts: [
            { kind: 'tool', id: 'a:tool:0', tool: 't', state: '__proto__' },
            { kind: 'text', text: 'Partial' },
          ],
        },
      ],
      status: 'error',
      error,
      credits: { total: 0 },
    }
    const storage = memoryStorage({
      'auteryn:threads:index': JSON.stringify(index),
      'auteryn:threads:x': JSON.stringify({ version: 1, conversation }),
    })
    const opened = (await createThreadList({ storage }).open('x')).getState()
    expect(opened).toEqual({
      messages: [
        { id: 'u', role: 'user', text: 'Q' },
        { id: 'a', role: 'assistant', status: 'error', parts: [{ kind: 'text', text: 'Partial' }] },
      ],
      status: 'error',
      credits: { total: 0 },
    })
  })

  test('a corrupt index or conversation starts empty, never throws', async () => {
    const storage = memoryStorage({
      'auteryn:threads:index': '{not json',
      'auteryn:threads:x': '{"version":1,"conversation":{"messages":[{"role":"user"}]}}',
    })
    const list = createThreadList({ storage })
    expect(list.store.getState()).toMatchObject({ status: 'ready', threads: [] })
    storage.items.set(
      'auteryn:threads:index',
      JSON.stringify({
        version: 1,
        threads: [{ id: 'x', title: 'X', createdAt: 1, updatedAt: 1, messageCount: 2 }],
      }),
    )
    const again = createThreadList({ storage })
    expect((await again.open('x')).getState().messages).toEqual([])
  })
})
