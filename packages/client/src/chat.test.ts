import type { ServerResponse } from 'node:http'
import { describe, expect, test, vi } from 'vitest'
import { createChat } from './chat'
import type { RunFinish } from './chat-settings'
import { openStream, sse, startTestServer } from '../test/loopback-server'
import type { AssistantMessage, Conversation, RunEvent } from './types'

// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 20_000 })
const eventually = { timeout: 10_000 }

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function answerOf(conversation: Conversation): AssistantMessage | undefined {
  const message = conversation.messages.at(-1)
  return message?.role === 'assistant' ? message : undefined
}

function textOf(message: AssistantMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.kind === 'text' ? part.text : '')).join('')
}

/** Streams a run: the answer "Checking… Found 3.", with one tool call between its two halves. */
async function streamToolRun(response: ServerResponse, runId: string) {
  openStream(response)
  response.write(sse({ type: 'run_started', run_id: runId, task_id: 'task_1' }))
  await wait(20)
  response.write(sse({ type: 'text_chunk', content: 'Checking… ' }))
  response.write(sse({ type: 'tool_call', tool: 'github', action: 'list', params: { open: 1 } }))
  await wait(20)
  response.write(sse({ type: 'tool_result', tool: 'github', result: { count: 3 } }))
  response.write(sse({ type: 'text_chunk', content: 'Found 3.' }))
  response.end(sse({ type: 'run_completed', run_id: runId, credits_used: 2, duration_ms: 40 }))
}

describe('createChat, a whole chat without React', () => {
  test('send, stream with a tool call, stop mid-answer, then retry in its place', async () => {
    let runs = 0
    const server = await startTestServer(async (request, response) => {
      runs += 1
      // The first run stalls after its first words, as a slow agent would; the retry completes.
      if (runs === 1) {
        openStream(response)
        response.write(sse({ type: 'run_started', run_id: 'run_1', task_id: 'task_1' }))
        response.write(sse({ type: 'text_chunk', content: 'Let me think' }))
        await request.closed
        return
      }
      await streamToolRun(response, `run_${runs}`)
    })
    const events: RunEvent['type'][] = []
    const finishes: RunFinish['reason'][] = []
    const chat = createChat({
      endpoint: server.url,
      onEvent: (event) => events.push(event.type),
      onFinish: (finish) => finishes.push(finish.reason),
    })
    const seen: Conversation['status'][] = []
    const unsubscribe = chat.subscribe((conversation) => seen.push(conversation.status))

    chat.send('What is open?')
    expect(chat.getState().status).toBe('submitted')
    await vi.waitFor(
      () => expect(textOf(answerOf(chat.getState()))).toBe('Let me think'),
      eventually,
    )
    expect(chat.getState().status).toBe('streaming')

    chat.stop()
    expect(answerOf(chat.getState())).toMatchObject({ status: 'stopped' })
    expect(textOf(answerOf(chat.getState()))).toBe('Let me think')
    expect(chat.getState().status).toBe('idle')
    expect(await server.requests[0]?.closed).toBe(true)
    expect(finishes).toEqual(['stopped'])

    chat.retry()
    await vi.waitFor(() => expect(finishes).toEqual(['stopped', 'complete']), eventually)
    const { messages, credits, taskId } = chat.getState()
    // The retried answer takes the stopped one's place: one question, one answer.
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(messages[0]).toMatchObject({ role: 'user', text: 'What is open?' })
    expect(answerOf(chat.getState())).toMatchObject({
      status: 'complete',
      creditsUsed: 2,
      parts: [
        { kind: 'text', text: 'Checking… ' },
        {
          kind: 'tool',
          tool: 'github',
          action: 'list',
          params: { open: 1 },
          result: { count: 3 },
          state: 'done',
        },
        { kind: 'text', text: 'Found 3.' },
      ],
    })
    expect(credits.total).toBe(2)
    expect(taskId).toBe('task_1')
    // The retry continues the conversation the first run started, with the same question.
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { query: 'What is open?', stream: true },
      { query: 'What is open?', task_id: 'task_1', stream: true },
    ])
    expect(events).toEqual([
      'run_started',
      'text_chunk',
      'run_started',
      'text_chunk',
      'tool_call',
      'tool_result',
      'text_chunk',
      'run_completed',
    ])
    expect(seen).toContain('streaming')
    expect(seen.at(-1)).toBe('idle')
    unsubscribe()
    expect(await server.settledPosts()).toBe(2)
  })

  test('settings changed with setOptions apply to the next send, without a new store', async () => {
    const server = await startTestServer((_request, response) => streamToolRun(response, 'run_a'))
    const first: string[] = []
    const second: string[] = []
    const chat = createChat({ endpoint: server.url, onEvent: (event) => first.push(event.type) })
    const store = chat.store
    chat.setOptions({ endpoint: server.url, onEvent: (event) => second.push(event.type) })
    chat.send('Hi')
    await vi.waitFor(() => expect(chat.getState().status).toBe('idle'), eventually)
    expect(first).toEqual([])
    expect(second.at(-1)).toBe('run_completed')
    expect(chat.store).toBe(store)
  })

  test('dispose closes the connection and writes nothing more; the chat can send again', async () => {
    const server = await startTestServer(async (request, response) => {
      openStream(response)
      response.write(sse({ type: 'run_started', run_id: 'run_1', task_id: 'task_1' }))
      response.write(sse({ type: 'text_chunk', content: 'Partial' }))
      await request.closed
    })
    const chat = createChat({ endpoint: server.url })
    chat.send('Hi')
    await vi.waitFor(() => expect(textOf(answerOf(chat.getState()))).toBe('Partial'), eventually)
    const before = chat.getState()
    let changes = 0
    chat.subscribe(() => (changes += 1))
    chat.dispose()
    expect(await server.requests[0]?.closed).toBe(true)
    await wait(100)
    expect(changes).toBe(0)
    expect(chat.getState()).toBe(before)
  })

  test('an empty question is a TypeError and sends nothing', async () => {
    const server = await startTestServer((_request, response) => streamToolRun(response, 'run_a'))
    const chat = createChat({ endpoint: server.url })
    expect(() => chat.send('  ')).toThrow(TypeError)
    expect(chat.getState().messages).toEqual([])
    expect(await server.settledPosts()).toBe(0)
  })
})
