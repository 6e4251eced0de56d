import { describe, expect, test, vi } from 'vitest'
import { createThreadList } from './thread-list'
import { openStream, sse, startTestServer } from '../test/loopback-server'
import type { AssistantMessage, Conversation } from './types'

// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 20_000 })
const eventually = { timeout: 10_000 }

const answerOf = (conversation: Conversation) => conversation.messages.at(-1) as AssistantMessage
const textOf = (conversation: Conversation) =>
  answerOf(conversation)
    .parts.map((part) => (part.kind === 'text' ? part.text : ''))
    .join('')

/** Each question's answer is held until the test releases it: "slow" first, the rest at once. */
async function startAgent() {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  let runs = 0
  const server = await startTestServer(async (request, response) => {
    runs += 1
    const run = `run_${runs}`
    const { query, task_id } = JSON.parse(request.body) as { query: string; task_id?: string }
    openStream(response)
    response.write(sse({ type: 'run_started', run_id: run, task_id: task_id ?? `task_${runs}` }))
    response.write(sse({ type: 'text_chunk', content: `On ${query}: ` }))
    if (query === 'slow') await Promise.race([released, request.closed])
    if (response.destroyed) return
    response.end(
      sse(
        { type: 'text_chunk', content: 'done.' },
        { type: 'run_completed', run_id: run, credits_used: 2, duration_ms: 9 },
      ),
    )
  })
  return { server, release }
}

describe('a thread list of chats', () => {
  test('a run keeps streaming in the thread the user left, into that thread only', async () => {
    const { server, release } = await startAgent()
    const list = createThreadList({ storage: null, chat: { endpoint: server.url } })
    const slow = list.create()
    const slowChat = await list.open(slow)
    slowChat.send('slow')
    await vi.waitFor(() => expect(textOf(slowChat.getState())).toBe('On slow: '), eventually)
    expect(list.store.getState().answeringIds).toEqual([slow])

    const other = list.create()
    const otherChat = await list.open(other)
    otherChat.send('quick')
    await vi.waitFor(() => expect(otherChat.getState().status).toBe('idle'), eventually)
    expect(textOf(otherChat.getState())).toBe('On quick: done.')
    expect(list.store.getState()).toMatchObject({ activeId: other, answeringIds: [slow] })

    release()
    await vi.waitFor(() => expect(slowChat.getState().status).toBe('idle'), eventually)
    expect(textOf(slowChat.getState())).toBe('On slow: done.')
    expect(answerOf(slowChat.getState()).status).toBe('complete')
    expect(list.store.getState().answeringIds).toEqual([])
    // Each thread kept its own task.
    expect([slowChat.getState().taskId, otherChat.getState().taskId]).toEqual(['task_1', 'task_2'])
    expect(server.posts()).toBe(2)
  })

  test('deleting a thread stops its run visibly; undo shows the answer as stopped', async () => {
    const { server } = await startAgent()
    const list = createThreadList({ storage: null, chat: { endpoint: server.url } })
    const id = list.create()
    const chat = await list.open(id)
    chat.send('slow')
    await vi.waitFor(() => expect(textOf(chat.getState())).toBe('On slow: '), eventually)
    list.remove(id)
    await vi.waitFor(() => expect(server.requests[0]?.closed).resolves.toBe(true), eventually)
    expect(list.store.getState().answeringIds).toEqual([])
    list.undoRemove()
    const restored = await list.open(id)
    expect(restored).toBe(chat)
    expect(answerOf(restored.getState()).status).toBe('stopped')
    expect(restored.getState().status).toBe('idle')
  })

  test('new settings reach every thread at its next run', async () => {
    const { server } = await startAgent()
    const list = createThreadList({
      storage: null,
      chat: { endpoint: 'http://127.0.0.1:9/nothing' },
    })
    const chat = await list.open(list.create())
    list.setChatOptions({ endpoint: server.url })
    chat.send('quick')
    await vi.waitFor(() => expect(chat.getState().status).toBe('idle'), eventually)
    expect(textOf(chat.getState())).toBe('On quick: done.')
  })
})
