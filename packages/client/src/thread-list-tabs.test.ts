import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Chat } from './chat'
import { createThreadList, type ThreadList } from './thread-list'
import { startResumableServer, type ResumableServer } from '../test/resumable-server'
import { twoTabs, type TestStorage } from '../test/two-tabs'
import type { Conversation, ConversationStatus } from './types'

// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 20_000 })
const eventually = { timeout: 10_000 }

const servers: ResumableServer[] = []
const lists: ThreadList[] = []
afterEach(async () => {
  lists.splice(0).forEach((list) => list.dispose())
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve() {
  // Paced, so that a run is still live when the other tab hears of it.
  const server = await startResumableServer({ pauseMs: 20 })
  servers.push(server)
  return server
}

const key = 'auteryn:threads'

function listOn(server: ResumableServer, storage: TestStorage) {
  const list = createThreadList({ key, storage, chat: { endpoint: server.url } })
  lists.push(list)
  return list
}

/** Every status a chat goes through, in order. */
function statusesOf(chat: Chat) {
  const statuses: ConversationStatus[] = [chat.getState().status]
  chat.subscribe(({ status }) => {
    if (statuses.at(-1) !== status) statuses.push(status)
  })
  return statuses
}

const settled = (chat: Chat) =>
  vi.waitFor(() => expect(chat.getState().status).toMatch(/idle|error/), eventually)

/** The messages as a reader sees them. */
const shown = (conversation: Conversation) =>
  conversation.messages.map((message) =>
    message.role === 'user'
      ? message.text
      : message.parts.map((part) => (part.kind === 'text' ? part.text : part.tool)).join(''),
  )

/** Tab A creates a thread; tab B, opened after it, shows the same thread. */
async function twoTabsOnOneThread(server: ResumableServer) {
  const [storageA, storageB] = twoTabs()
  const listA = listOn(server, storageA)
  const id = listA.create()
  const tabA = await listA.open(id)
  const listB = listOn(server, storageB)
  await listB.ready
  expect(listB.store.getState().activeId).toBe(id)
  const tabB = await listB.open(id)
  return { storageA, storageB, id, tabA, tabB }
}

describe('two tabs on one thread of a stored thread list', () => {
  test('a run live in one tab streams in the other, from the same run: one start', async () => {
    const server = await serve()
    const { tabA, tabB } = await twoTabsOnOneThread(server)
    const statusesB = statusesOf(tabB)
    tabA.send('What is open?')
    await settled(tabA)
    await settled(tabB)

    // Tab B read the run itself: a copy stored by tab A is never `streaming`.
    expect(statusesB).toContain('streaming')
    expect(shown(tabB.getState())).toEqual(shown(tabA.getState()))
    expect(tabB.getState().messages.at(-1)).toMatchObject({ status: 'complete' })
    expect(server.starts()).toHaveLength(1)
    const [resume] = server.resumes()
    expect(server.resumes()).toHaveLength(1)
    expect(resume?.headers['idempotency-key']).toBe(server.starts()[0]?.headers['idempotency-key'])
  })

  test('a send in the other tab: both tabs, and what they stored, keep all four messages', async () => {
    const server = await serve()
    const { storageA, id, tabA, tabB } = await twoTabsOnOneThread(server)
    tabA.send('What is open?')
    await settled(tabA)
    await settled(tabB)
    // The tab that created the thread follows it as well as the tab that opened it.
    const statusesA = statusesOf(tabA)
    tabB.send('And the P2 bugs?')
    await settled(tabB)
    await vi.waitFor(() => expect(tabA.getState().messages).toHaveLength(4), eventually)
    await settled(tabA)

    expect(statusesA).toContain('streaming')
    const expected = shown(tabB.getState())
    expect(expected).toHaveLength(4)
    expect(expected[2]).toBe('And the P2 bugs?')
    expect(shown(tabA.getState())).toEqual(expected)
    // Both continued one task, and each question was one paid run.
    expect(tabA.getState().taskId).toBe(tabB.getState().taskId)
    expect(server.starts()).toHaveLength(2)
    // A reload of either tab reads the same four messages.
    const reloaded = await listOn(server, { ...storageA }).open(id)
    expect(shown(reloaded.getState())).toEqual(expected)
  })

  test('what another tab stored is not stored back', async () => {
    const server = await serve()
    const { storageB, id, tabA, tabB } = await twoTabsOnOneThread(server)
    tabA.send('What is open?')
    await settled(tabA)
    await settled(tabB)
    let writesB = 0
    const { setItem, removeItem } = storageB
    storageB.setItem = (written, value) => {
      if (written === `${key}:${id}`) writesB += 1
      setItem.call(storageB, written, value)
    }
    storageB.removeItem = (removed) => {
      if (removed === `${key}:${id}`) writesB += 1
      removeItem.call(storageB, removed)
    }
    // Tab A empties the thread: tab B shows it empty, and leaves the storage to tab A.
    tabA.reset()
    await vi.waitFor(() => expect(tabB.getState().messages).toEqual([]), eventually)
    expect(writesB).toBe(0)
  })
})
