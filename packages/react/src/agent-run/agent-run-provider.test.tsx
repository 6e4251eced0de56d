import { Profiler, type ReactNode } from 'react'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { createConversationStore } from '@auteryn/client'
import { createMockAgent } from '@auteryn/testing'
import { AgentRunProvider } from './agent-run-provider'
import { messageText } from './message-text'
import { useAgentRun } from './use-agent-run'
import { useAgentRunActions, useConversation } from './use-conversation'

afterEach(cleanup)

const renders: Record<string, number> = {}
function Counted({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={() => (renders[id] = (renders[id] ?? 0) + 1)}>
      {children}
    </Profiler>
  )
}

function LastAnswer() {
  const message = useConversation((conversation) => conversation.messages.at(-1))
  return <p aria-label="last message">{message ? messageText(message) : ''}</p>
}

function Credits() {
  const total = useConversation((conversation) => conversation.credits.total)
  return <p>credits: {total}</p>
}

function AskButton() {
  const { send } = useAgentRunActions()
  return (
    <button type="button" onClick={() => send('Hello')}>
      Ask
    </button>
  )
}

function SplitChat({ fetch }: { fetch: typeof globalThis.fetch }) {
  return (
    <AgentRunProvider fetch={fetch}>
      <LastAnswer />
      <Counted id="credits">
        <Credits />
      </Counted>
      <Counted id="ask">
        <AskButton />
      </Counted>
    </AgentRunProvider>
  )
}

test('components under the provider read slices and re-render only when theirs change', async () => {
  const agent = createMockAgent({ scenario: 'plain' })
  render(<SplitChat fetch={agent.fetch} />)
  const rendersBefore = { ...renders }
  await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
  await screen.findByText('credits: 1', {}, { timeout: 10_000 })
  expect(screen.getByLabelText('last message').textContent).toContain('Auteryn agents answer')
  expect(agent.requests).toBe(1)
  // The credits changed once (0 → 1); the button's actions never changed.
  expect((renders.credits ?? 0) - (rendersBefore.credits ?? 0)).toBe(1)
  expect((renders.ask ?? 0) - (rendersBefore.ask ?? 0)).toBe(0)
})

test('a useAgentRun result can be shared through the provider', async () => {
  const agent = createMockAgent({ scenario: 'plain' })
  function Owner() {
    const chat = useAgentRun({ fetch: agent.fetch })
    return (
      <AgentRunProvider value={chat}>
        <p>{chat.status}</p>
        <Credits />
        <AskButton />
      </AgentRunProvider>
    )
  }
  render(<Owner />)
  await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
  await screen.findByText('credits: 1', {}, { timeout: 10_000 })
  expect(agent.requests).toBe(1)
})

test('a bare store can be provided for reading', () => {
  const store = createConversationStore({ taskId: 'task_shared' })
  function TaskId() {
    return <p>{useConversation((conversation) => conversation.taskId)}</p>
  }
  render(
    <AgentRunProvider value={store}>
      <TaskId />
    </AgentRunProvider>,
  )
  expect(screen.getByText('task_shared')).toBeTruthy()
})

test('reading outside a provider fails with a clear error', () => {
  expect(() => render(<Credits />)).toThrow(/inside <AgentRunProvider>/)
})
