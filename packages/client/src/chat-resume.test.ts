import { afterEach, describe, expect, test, vi } from 'vitest'
import { createChat, type Chat } from './chat'
import type { ChatOptions } from './chat-settings'
import { startResumableServer, type ResumableServerOptions } from '../test/resumable-server'
import type { TestServer } from '../test/loopback-server'
import { twoTabs } from '../test/two-tabs'
import type { Conversation, ConversationStatus } from './types'
import { createMemoryStorage } from '@auteryn/testing'

// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 20_000 })
const eventually = { timeout: 10_000 }

const servers: TestServer[] = []
const chats: Chat[] = []
afterEach(async () => {
  chats.splice(0).forEach((chat) => chat.dispose())
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(options: ResumableServerOptions = {}) {
  const server = await startResumableServer(options)
  servers.push(server)
  return server
}

function chatOn(server: TestServer, options: ChatOptions = {}) {
  const chat = createChat({ endpoint: server.url, ...options })
  chats.push(chat)
  const statuses: ConversationStatus[] = []
  chat.subscribe((conversation) => {
    if (statuses.at(-1) !== conversation.status) statuses.push(conversation.status)
  })
  return { chat, statuses }
}

const answerOf = (conversation: Conversation) => conversation.messages.at(-1)
/** What a reader sees of an answer: its ids (local, random) left out. */
function shown(conversation: Conversation) {
  const answer = answerOf(conversation)
  if (!answer) return answer
  const copy = JSON.parse(JSON.stringify(answer).replaceAll(answer.id, 'answer'))
  // How long a tool took depends on when its events arrived, which differs from run to run.
  for (const part of copy.parts) delete part.durationMs
  return copy
}
const settled = (chat: Chat) =>
  vi.waitFor(() => expect(chat.getState().status).toMatch(/idle|error/), eventually)

/** The answer of a run nothing cut, to compare a resumed one with. */
async function uncutAnswer() {
  const { chat } = chatOn(await serve())
  chat.send('What is open?')
  await settled(chat)
  return shown(chat.getState())
}

describe('a run the route keeps survives a cut connection', () => {
  test('re-attaches with the same key and Last-Event-ID; the answer is whole, one run', async () => {
    const expected = await uncutAnswer()
    const server = await serve({ cutAfter: (stream) => (stream === 0 ? 2 : undefined) })
    const { chat, statuses } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)

    expect(shown(chat.getState())).toEqual(expected)
    expect(chat.getState().status).toBe('idle')
    // On a busy machine the rest of the answer may land in one frame: no second `streaming`.
    expect(statuses.slice(0, 3)).toEqual(['submitted', 'streaming', 'reconnecting'])
    expect(statuses.at(-1)).toBe('idle')
    expect(server.starts()).toHaveLength(1)
    const [resume] = server.resumes()
    expect(server.resumes()).toHaveLength(1)
    expect(resume?.headers['last-event-id']).toBe('2')
    const key = server.starts()[0]?.headers['idempotency-key']
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(resume?.headers['idempotency-key']).toBe(key)
  })

  test('each event id is applied once, even from a route that sends it again', async () => {
    const expected = await uncutAnswer()
    const server = await serve({
      cutAfter: (stream) => (stream === 0 ? 2 : undefined),
      ignoreLastEventId: true,
    })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)
    expect(shown(chat.getState())).toEqual(expected)
  })

  test('a new run gets a new key: Retry and a second send are new runs', async () => {
    const server = await serve()
    const { chat } = chatOn(server)
    chat.send('First?')
    await settled(chat)
    chat.send('Second?')
    await settled(chat)
    const keys = server.starts().map((request) => request.headers['idempotency-key'])
    expect(new Set(keys).size).toBe(2)
  })

  test('against a route without the header, a cut ends as interrupted: one POST', async () => {
    const server = await serve({ resumable: false, cutAfter: () => 2 })
    const { chat, statuses } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'interrupted' })
    expect(statuses).not.toContain('reconnecting')
    expect(await server.settledPosts()).toBe(1)
  })

  test('the end marker ends the run as interrupted, without reconnecting', async () => {
    const server = await serve({ endReason: { afterEvents: 2, reason: 'upstream_closed' } })
    const { chat, statuses } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)
    expect(answerOf(chat.getState())).toMatchObject({
      status: 'interrupted',
      error: { kind: 'interrupted', code: 'upstream_closed' },
    })
    expect(statuses).not.toContain('reconnecting')
    expect(await server.settledPosts()).toBe(1)
  })

  test('a run stopped elsewhere (end marker "stopped") is stopped here too', async () => {
    const server = await serve({ endReason: { afterEvents: 2, reason: 'stopped' } })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'stopped' })
    expect(chat.getState().error).toBeUndefined()
  })

  test('a re-attachment answered 404 (the run expired) ends as interrupted: no more POSTs', async () => {
    const server = await serve({ cutAfter: () => 2, expired: true })
    const { chat, statuses } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)
    expect(statuses).toContain('reconnecting')
    expect(answerOf(chat.getState())).toMatchObject({ status: 'interrupted' })
    expect(await server.settledPosts()).toBe(2)
  })
})

describe('Stop is a stop', () => {
  test('stop() sends DELETE with the run key and closes the read', async () => {
    const server = await serve({ holdAfter: 2 })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    chat.stop()
    expect(answerOf(chat.getState())).toMatchObject({ status: 'stopped' })
    await vi.waitFor(() => expect(server.deletes()).toHaveLength(1), eventually)
    expect(server.deletes()[0]?.headers['idempotency-key']).toBe(
      server.starts()[0]?.headers['idempotency-key'],
    )
    expect(await server.starts()[0]?.closed).toBe(true)
  })

  test('a send during a live run stops it with DELETE; reset does too', async () => {
    const server = await serve({ holdAfter: 2 })
    const { chat } = chatOn(server)
    chat.send('First?')
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    chat.send('Second?')
    await vi.waitFor(() => expect(server.deletes()).toHaveLength(1), eventually)
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    chat.reset()
    await vi.waitFor(() => expect(server.deletes()).toHaveLength(2), eventually)
    const keys = server.starts().map((request) => request.headers['idempotency-key'])
    expect(server.deletes().map((request) => request.headers['idempotency-key'])).toEqual(keys)
  })

  test('against a route without the header, a stop sends no DELETE', async () => {
    const server = await serve({ resumable: false, holdAfter: 2 })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    chat.stop()
    expect(await server.starts()[0]?.closed).toBe(true)
    expect(await server.settledPosts()).toBe(1)
    expect(server.deletes()).toHaveLength(0)
  })

  test('a stop before the first response asks a route that may keep the run', async () => {
    const server = await serve({ holdHeaders: () => true })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await vi.waitFor(() => expect(server.starts()).toHaveLength(1), eventually)
    chat.stop()
    // The route may have started the run already: a closed connection alone would not end it.
    await vi.waitFor(() => expect(server.deletes()).toHaveLength(1), eventually)
    const key = server.starts()[0]?.headers['idempotency-key']
    expect(server.deletes()[0]?.headers['idempotency-key']).toBe(key)
  })

  test('a route without the header refuses a stop (405) once: the next early stop does not ask', async () => {
    const server = await serve({ resumable: false, holdHeaders: () => true })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await vi.waitFor(() => expect(server.starts()).toHaveLength(1), eventually)
    chat.stop()
    await vi.waitFor(() => expect(server.deletes()).toHaveLength(1), eventually)
    chat.send('And now?')
    await vi.waitFor(() => expect(server.starts()).toHaveLength(2), eventually)
    chat.stop()
    expect(await server.starts()[1]?.closed).toBe(true)
    expect(await server.settledPosts()).toBe(2)
    expect(server.deletes()).toHaveLength(1)
  })

  test('a route whose earlier answer had no header is not asked to stop before a response', async () => {
    const server = await serve({ resumable: false, holdHeaders: (stream) => stream > 0 })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await settled(chat)
    chat.send('And now?')
    await vi.waitFor(() => expect(server.starts()).toHaveLength(2), eventually)
    chat.stop()
    expect(await server.starts()[1]?.closed).toBe(true)
    expect(await server.settledPosts()).toBe(2)
    expect(server.deletes()).toHaveLength(0)
  })

  test('dispose (an unmount) stops the run with DELETE in the next task', async () => {
    const server = await serve({ holdAfter: 2 })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    chat.dispose()
    expect(server.deletes()).toHaveLength(0)
    await vi.waitFor(() => expect(server.deletes()).toHaveLength(1), eventually)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'stopped' })
  })

  test('dispose then resume (a remount) keeps the run: no DELETE, the answer completes', async () => {
    const server = await serve({ pauseMs: 30 })
    const { chat } = chatOn(server)
    chat.send('What is open?')
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    chat.dispose()
    chat.resume()
    await settled(chat)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'complete' })
    expect(server.deletes()).toHaveLength(0)
    expect(server.starts()).toHaveLength(1)
    expect(server.resumes()).toHaveLength(1)
  })
})

const persistKey = 'auteryn:test'

/** Runs a chat until `ready`, then returns what a reload would find in storage. */
async function storedMidAnswer(server: TestServer, ready: (conversation: Conversation) => boolean) {
  const storage = createMemoryStorage()
  const { chat } = chatOn(server, { persist: { key: persistKey, storage } })
  chat.send('What is open?')
  await vi.waitFor(() => expect(ready(chat.getState())).toBe(true), eventually)
  // The page goes away: its connection closes, nothing more is written to its storage.
  const stored = [...storage.items]
  chat.dispose()
  return stored
}

function reloadedChat(server: TestServer, stored: [string, string][]) {
  const storage = createMemoryStorage(stored)
  return chatOn(server, { persist: { key: persistKey, storage } })
}

describe('a reload re-attaches to the live run', () => {
  test('resumes from the stored last event id with the stored key: one run, whole answer', async () => {
    const expected = await uncutAnswer()
    const server = await serve({ cutAfter: (stream) => (stream === 0 ? 2 : undefined) })
    const stored = await storedMidAnswer(server, (state) => state.status === 'reconnecting')
    const { chat, statuses } = reloadedChat(server, stored)
    expect(chat.getState().status).toBe('reconnecting')
    const resumesBefore = server.resumes().length
    chat.resume()
    await settled(chat)
    expect(shown(chat.getState())).toEqual(expected)
    expect(statuses[0]).toBe('reconnecting')
    expect(statuses.at(-1)).toBe('idle')
    expect(server.starts()).toHaveLength(1)
    const reattachment = server.resumes()[resumesBefore]
    expect(reattachment?.headers['last-event-id']).toBe('2')
    expect(reattachment?.headers['idempotency-key']).toBe(
      server.starts()[0]?.headers['idempotency-key'],
    )
  })

  test('a run the route no longer has (404) ends as interrupted, as before', async () => {
    const server = await serve({ holdAfter: 2, expired: true })
    const stored = await storedMidAnswer(server, (state) => state.resumable !== undefined)
    const { chat } = reloadedChat(server, stored)
    chat.resume()
    await settled(chat)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'interrupted' })
    expect(server.starts()).toHaveLength(1)
    expect(server.resumes()).toHaveLength(1)
  })

  test('a stored run key that is not a valid key is never sent: interrupted, no POST', async () => {
    const server = await serve({ holdAfter: 2 })
    const stored = await storedMidAnswer(server, (state) => state.resumable !== undefined)
    const [[key, value]] = stored as [[string, string]]
    const envelope = JSON.parse(value)
    envelope.conversation.resumable.key = 'bad key\r\nx-evil: 1'
    const { chat } = reloadedChat(server, [[key, JSON.stringify(envelope)]])
    chat.resume()
    expect(answerOf(chat.getState())).toMatchObject({ status: 'interrupted' })
    expect(await server.settledPosts()).toBe(1)
  })

  test('a conversation stored before resumable runs is read, its live run interrupted', async () => {
    const server = await serve({ holdAfter: 2 })
    const stored = await storedMidAnswer(server, (state) => state.resumable !== undefined)
    const [[key, value]] = stored as [[string, string]]
    const envelope = JSON.parse(value)
    delete envelope.conversation.resumable
    const { chat } = reloadedChat(server, [[key, JSON.stringify(envelope)]])
    chat.resume()
    expect(chat.getState().messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(answerOf(chat.getState())).toMatchObject({ status: 'interrupted' })
    expect(await server.settledPosts()).toBe(1)
  })

  test('two chats on one stored run attach one at a time, and both get the whole answer', async () => {
    const expected = await uncutAnswer()
    const server = await serve({ holdAfter: 2, pauseMs: 20 })
    const stored = await storedMidAnswer(server, (state) => state.resumable !== undefined)
    await vi.waitFor(() => expect(server.open()).toBe(0), eventually)
    const first = reloadedChat(server, stored).chat
    const second = reloadedChat(server, stored).chat
    let mostOpen = 0
    const watch = setInterval(() => (mostOpen = Math.max(mostOpen, server.open())), 2)
    first.resume()
    second.resume()
    await settled(first)
    await settled(second)
    clearInterval(watch)
    expect(shown(first.getState())).toEqual(expected)
    expect(shown(second.getState())).toEqual(expected)
    expect(mostOpen).toBe(1)
    expect(server.resumes()).toHaveLength(2)
    expect(server.starts()).toHaveLength(1)
  })
})

describe('a full storage', () => {
  test('the chat keeps working and tells the app once, until a save succeeds again', async () => {
    const server = await serve()
    const storage = createMemoryStorage()
    let full = true
    const setItem = storage.setItem
    storage.setItem = (key, value) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      setItem(key, value)
    }
    const errors: unknown[] = []
    const { chat } = chatOn(server, {
      persist: { key: persistKey, storage },
      onPersistError: (error) => errors.push(error),
    })
    chat.send('First?')
    await settled(chat)
    chat.send('Second?')
    await settled(chat)
    expect(chat.getState().messages).toHaveLength(4)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'complete' })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ name: 'QuotaExceededError' })
    expect(storage.items.size).toBe(0)

    full = false
    chat.send('Third?')
    await settled(chat)
    expect(storage.items.size).toBe(1)
    full = true
    chat.send('Fourth?')
    await settled(chat)
    expect(errors).toHaveLength(2)
  })
})

describe('two tabs on one stored conversation', () => {
  test('a run live in one tab streams in the other, from the same run: one start', async () => {
    const expected = await uncutAnswer()
    const server = await serve({ pauseMs: 20 })
    const [storageA, storageB] = twoTabs()
    const tabA = chatOn(server, { persist: { key: persistKey, storage: storageA } }).chat
    const tabB = chatOn(server, { persist: { key: persistKey, storage: storageB } }).chat
    tabA.resume()
    tabB.resume()
    tabA.send('What is open?')
    await settled(tabA)
    await settled(tabB)
    expect(shown(tabA.getState())).toEqual(expected)
    expect(shown(tabB.getState())).toEqual(expected)
    expect(tabB.getState().messages[0]).toMatchObject({ role: 'user', text: 'What is open?' })
    expect(server.starts()).toHaveLength(1)
    expect(server.resumes()).toHaveLength(1)
  })

  test('a send in the other tab during a live run stops that run, and both tabs keep all four messages', async () => {
    const server = await serve({ holdAfter: 2, holdResumes: true })
    const [storageA, storageB] = twoTabs()
    const tabA = chatOn(server, { persist: { key: persistKey, storage: storageA } }).chat
    const tabB = chatOn(server, { persist: { key: persistKey, storage: storageB } }).chat
    tabA.resume()
    tabB.resume()
    tabA.send('First?')
    await vi.waitFor(() => expect(server.resumes()).toHaveLength(1), eventually)
    tabB.send('Second?')
    await vi.waitFor(() => expect(server.deletes().length).toBeGreaterThan(0), eventually)
    const firstKey = server.starts()[0]?.headers['idempotency-key']
    expect(server.deletes()[0]?.headers['idempotency-key']).toBe(firstKey)
    await vi.waitFor(() => expect(server.starts()).toHaveLength(2), eventually)
    const roles = (chat: Chat) => chat.getState().messages.map((message) => message.role)
    await vi.waitFor(() => expect(roles(tabA)).toHaveLength(4), eventually)
    expect(roles(tabB)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(tabA.getState().messages[1]).toMatchObject({ status: 'stopped' })
    expect(tabA.getState().messages[2]).toMatchObject({ role: 'user', text: 'Second?' })
    // One run at a time: the second started only in tab B.
    expect(server.starts()).toHaveLength(2)
  })

  test('what another tab stored is not stored back', async () => {
    const server = await serve()
    const [storageA, storageB] = twoTabs()
    let writesB = 0
    const { setItem, removeItem } = storageB
    storageB.setItem = (key, value) => {
      writesB += 1
      setItem(key, value)
    }
    storageB.removeItem = (key) => {
      writesB += 1
      removeItem(key)
    }
    const tabA = chatOn(server, { persist: { key: persistKey, storage: storageA } }).chat
    const tabB = chatOn(server, { persist: { key: persistKey, storage: storageB } }).chat
    tabA.resume()
    tabB.resume()
    tabA.send('What is open?')
    await settled(tabA)
    await settled(tabB)
    const afterRun = writesB
    tabA.reset()
    await vi.waitFor(() => expect(tabB.getState().messages).toEqual([]), eventually)
    expect(writesB).toBe(afterRun)
  })

  test("a copy older than this tab's live run (fewer messages) does not replace it", async () => {
    const server = await serve({ pauseMs: 20 })
    const [storageA] = twoTabs()
    const { chat } = chatOn(server, { persist: { key: persistKey, storage: storageA } })
    chat.resume()
    chat.send('What is open?')
    await vi.waitFor(() => expect(chat.getState().status).toBe('streaming'), eventually)
    const older = { messages: [], status: 'idle', credits: { total: 0 }, taskId: 'task_old' }
    const newValue = JSON.stringify({ version: 1, conversation: older })
    const event = { key: persistKey, newValue, storageArea: storageA }
    window.dispatchEvent(Object.assign(new Event('storage'), event))
    await settled(chat)
    expect(answerOf(chat.getState())).toMatchObject({ status: 'complete' })
  })
})
