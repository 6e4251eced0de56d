import { act, cleanup, screen } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, expect, test, vi } from 'vitest'
import { createConversationStore } from '@auteryn/client'
import { TestChat } from '../../test/test-chat'

afterEach(cleanup)

/** A storage that holds one finished conversation, as a browser would after a reload. */
function storageWithConversation(key: string) {
  const values = new Map<string, string>()
  const saved = createConversationStore({ persist: { key, storage: mapStorage(values) } })
  saved.dispatch({
    type: 'send',
    runId: 'run_1',
    query: 'Any open P1 bugs?',
    userMessageId: 'user_1',
    assistantMessageId: 'assistant_1',
  })
  saved.dispatch({ type: 'event', runId: 'run_1', event: { type: 'text_chunk', content: 'Two.' } })
  saved.dispatch({
    type: 'event',
    runId: 'run_1',
    event: { type: 'run_completed', runId: 'run_1', creditsUsed: 3, durationMs: 900 },
  })
  return mapStorage(values)
}

function mapStorage(values: Map<string, string>) {
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  }
}

test('a persisted chat hydrates without a mismatch, then shows the restored conversation', async () => {
  const key = 'hydration-test'
  // The server has no saved conversation: it renders an empty chat.
  const emptyStorage = mapStorage(new Map())
  const html = renderToString(<TestChat persist={{ key, storage: emptyStorage }} />)
  expect(html).not.toContain('<li')

  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const recoverableErrors = vi.fn()
  const storage = storageWithConversation(key)
  await act(async () => {
    hydrateRoot(container, <TestChat persist={{ key, storage }} />, {
      onRecoverableError: recoverableErrors,
    })
  })

  expect(recoverableErrors).not.toHaveBeenCalled()
  expect(screen.getByRole('listitem', { name: 'answer complete' }).textContent).toBe('Two.')
  expect(screen.getByText('credits: 3')).toBeTruthy()
})
