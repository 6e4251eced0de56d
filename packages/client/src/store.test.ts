import { describe, expect, test, vi } from 'vitest'
import { createConversationStore } from './store'
import type { ConversationAction } from './types'
import { createMemoryStorage } from '@auteryn/testing'

const send: ConversationAction = {
  type: 'send',
  runId: 'r1',
  query: 'Hello',
  userMessageId: 'u1',
  assistantMessageId: 'a1',
}
const chunk = (content: string): ConversationAction => ({
  type: 'event',
  runId: 'r1',
  event: { type: 'text_chunk', content },
})
const completed: ConversationAction = {
  type: 'event',
  runId: 'r1',
  event: { type: 'run_completed', runId: 'srv', creditsUsed: 2, durationMs: 5 },
}

/** A memory storage whose writes the tests count. */
function memoryStorage(initial: Record<string, string> = {}) {
  const storage = createMemoryStorage(initial)
  return { ...storage, setItem: vi.fn(storage.setItem) }
}

describe('createConversationStore', () => {
  test('dispatchMany applies every action and notifies once', () => {
    const store = createConversationStore()
    const listener = vi.fn()
    store.dispatch(send)
    store.subscribe(listener)
    store.dispatchMany([chunk('a'), chunk('b'), chunk('c')])
    expect(listener).toHaveBeenCalledTimes(1)
    expect(store.getState().messages[1]).toMatchObject({ parts: [{ kind: 'text', text: 'abc' }] })
  })

  test('a batch never changes a state already handed out', () => {
    const store = createConversationStore()
    store.dispatchMany([send, chunk('a')])
    const before = store.getState()
    const snapshot = JSON.stringify(before)
    store.dispatchMany([chunk('b'), chunk('c')])
    expect(JSON.stringify(before)).toBe(snapshot)
    expect(store.getState().messages[1]).toMatchObject({ parts: [{ text: 'abc' }] })
  })

  test('an ignored action notifies nobody', () => {
    const store = createConversationStore()
    const listener = vi.fn()
    store.subscribe(listener)
    store.dispatch(chunk('no run is active'))
    store.dispatchMany([chunk('still none')])
    expect(listener).not.toHaveBeenCalled()
  })

  test('starts from a given task id', () => {
    expect(createConversationStore({ taskId: 'task_1' }).getState().taskId).toBe('task_1')
  })
})

describe('persistence', () => {
  test('a settled conversation survives a reload', () => {
    const storage = memoryStorage()
    const store = createConversationStore({ persist: { key: 'chat-1', storage } })
    store.dispatchMany([send, chunk('Hi there'), completed])
    const reloaded = createConversationStore({ persist: { key: 'chat-1', storage } })
    expect(reloaded.getState()).toEqual(store.getState())
    expect(JSON.parse(storage.items.get('chat-1')!)).toMatchObject({ version: 1 })
  })

  test('writes when a run starts and settles, not on every chunk', () => {
    const storage = memoryStorage()
    const store = createConversationStore({ persist: { key: 'chat', storage } })
    store.dispatch(send)
    for (const text of ['a', 'b', 'c', 'd']) store.dispatch(chunk(text))
    store.dispatch(completed)
    expect(storage.setItem).toHaveBeenCalledTimes(2)
  })

  test('a run in flight when the page closed comes back interrupted', () => {
    const storage = memoryStorage()
    createConversationStore({ persist: { key: 'chat', storage } }).dispatch(send)
    const state = createConversationStore({ persist: { key: 'chat', storage } }).getState()
    expect(state.status).toBe('error')
    expect(state.activeRunId).toBeUndefined()
    expect(state.messages[1]).toMatchObject({
      status: 'interrupted',
      error: { kind: 'interrupted' },
    })
  })

  test.each([
    ['not json', '{oops'],
    [
      'a version mismatch',
      JSON.stringify({
        version: 2,
        conversation: {
          messages: [{ id: 'u', role: 'user', text: 'old' }],
          status: 'idle',
          credits: { total: 3 },
        },
      }),
    ],
    [
      'a wrong shape',
      JSON.stringify({ version: 1, conversation: { messages: [{ role: 'user' }] } }),
    ],
    ['null', 'null'],
  ])('%s is ignored: a fresh conversation', (_name, value) => {
    const storage = memoryStorage({ chat: value })
    const state = createConversationStore({ persist: { key: 'chat', storage } }).getState()
    expect(state).toEqual({ messages: [], status: 'idle', credits: { total: 0 } })
  })

  test('storage errors are swallowed', () => {
    const failing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError')
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
      removeItem: () => {},
    }
    const store = createConversationStore({ persist: { key: 'chat', storage: failing } })
    expect(() => store.dispatchMany([send, completed])).not.toThrow()
    expect(store.getState().status).toBe('idle')
  })

  test('localStorage is the default storage', () => {
    localStorage.clear()
    createConversationStore({ persist: { key: 'default-chat' } }).dispatch(send)
    expect(localStorage.getItem('default-chat')).toContain('"version":1')
  })
})
