import { afterEach, describe, expect, test, vi } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Conversation } from '@auteryn/client'
import { AgentChat } from './agent-chat'

afterEach(cleanup)

const key = 'support-chat'

/** A conversation the store accepts, with a tool call whose renderer throws when it renders. */
const stored: Conversation = {
  taskId: 'task_1',
  status: 'idle',
  credits: { lastRun: 2, total: 2 },
  messages: [
    { id: 'u1', role: 'user', text: 'Chart last week' },
    {
      id: 'a1',
      role: 'assistant',
      status: 'complete',
      creditsUsed: 2,
      parts: [{ kind: 'tool', id: 'a1:tool:0', tool: 'chart', action: 'draw', state: 'done' }],
    },
  ],
}

function storageWith(conversation: Conversation) {
  const values = new Map([[key, JSON.stringify({ version: 1, conversation })]])
  return {
    values,
    getItem: (name: string) => values.get(name) ?? null,
    setItem: (name: string, value: string) => void values.set(name, value),
    removeItem: (name: string) => void values.delete(name),
  }
}

const toolRenderers = {
  chart: () => {
    throw new Error('The chart renderer broke')
  },
}

describe('AgentChat after a render crash', () => {
  test('offers a new conversation and forgets the stored one, so a reload does not crash again', async () => {
    // React reports the caught error on the console; the test reads the page instead.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const storage = storageWith(stored)
      const persist = { key, storage }
      const first = render(<AgentChat persist={persist} toolRenderers={toolRenderers} />)
      expect(screen.getByRole('alert').textContent).toBe(
        'This conversation could not be shown, so it was cleared.',
      )
      expect(storage.values.has(key)).toBe(false)

      // A reload: the same chat, the same storage, now nothing to crash on.
      first.unmount()
      render(<AgentChat persist={persist} toolRenderers={toolRenderers} />)
      expect(screen.getByText('Start a conversation')).toBeTruthy()
      expect(screen.queryByRole('alert')).toBeNull()
    } finally {
      consoleError.mockRestore()
    }
  })

  test('"Start a new conversation" brings back an empty, working chat', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      render(
        <AgentChat persist={{ key, storage: storageWith(stored) }} toolRenderers={toolRenderers} />,
      )
      await userEvent.click(screen.getByRole('button', { name: 'Start a new conversation' }))
      expect(screen.getByText('Start a conversation')).toBeTruthy()
      expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy()
      expect(screen.queryByText('Chart last week')).toBeNull()
    } finally {
      consoleError.mockRestore()
    }
  })
})
