import { StrictMode } from 'react'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createMockAgent } from '@auteryn/testing'
import { AgentChatWithThreads } from './agent-chat-with-threads'
import { createMemoryStorage } from '@auteryn/testing'

// Real streams on a machine that may be busy: allow for slowness, never rely on speed.
vi.setConfig({ testTimeout: 30_000 })
const timeout = { timeout: 10_000 }

afterEach(() => {
  cleanup()
  localStorage.clear()
})

const user = () => userEvent.setup()
const list = () => screen.getByRole('navigation', { name: 'Conversations' })
const chat = () => screen.getByRole('region', { name: 'Agent chat' })
const rowNamed = (name: string | RegExp) => within(list()).getByRole('button', { name })

async function ask(question: string) {
  await user().type(within(chat()).getByRole('textbox', { name: 'Message' }), `${question}{Enter}`)
}

async function settled() {
  await waitFor(() => expect(chat().dataset.state).toBe('idle'), timeout)
}

describe('AgentChatWithThreads', () => {
  test('three conversations, each with its own messages, task and credits', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    const storage = createMemoryStorage()
    render(
      <StrictMode>
        <AgentChatWithThreads fetch={agent.fetch} threads={{ storage }} />
      </StrictMode>,
    )
    for (const question of ['First topic', 'Second topic', 'Third topic']) {
      await ask(question)
      await settled()
      await user().click(within(list()).getByRole('button', { name: 'New conversation' }))
    }
    // The last "New conversation" opened an empty thread; the three asked ones are listed.
    expect(
      within(list())
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Untitled conversation', 'Third topic', 'Second topic', 'First topic'])
    expect(within(chat()).getByText('Start a conversation')).toBeTruthy()
    expect(chat().querySelector('.auteryn-credit-badge')).toBeNull()

    await user().click(rowNamed('Second topic'))
    expect(rowNamed('Second topic').getAttribute('aria-current')).toBe('true')
    const log = within(chat()).getByRole('log')
    expect(log.textContent).toContain('Second topic')
    expect(log.textContent).not.toMatch(/First topic|Third topic/)
    expect(within(chat()).getByText(/^1 credit ·/)).toBeTruthy()
    expect(agent.requests).toBe(3)

    // Asking again continues that thread's task: the agent recalls its question only.
    await ask('Follow-up')
    await settled()
    expect(log.textContent).toContain('Earlier you asked about “Second topic”')
  })

  test('an answer keeps streaming in the thread the user left', async () => {
    const agent = createMockAgent({ scenario: 'slow', slowDelayMs: 40 })
    render(<AgentChatWithThreads fetch={agent.fetch} threads={{ storage: null }} />)
    await ask('Check the open bugs')
    await waitFor(() => expect(chat().dataset.state).toBe('streaming'), timeout)
    await user().click(within(list()).getByRole('button', { name: 'New conversation' }))
    expect(within(chat()).getByText('Start a conversation')).toBeTruthy()
    expect(chat().dataset.state).toBe('idle')
    const left = rowNamed(/^Check the open bugs/)
    expect(left.textContent).toContain('Answering…')
    await waitFor(() => expect(left.textContent).not.toContain('Answering…'), { timeout: 20_000 })

    await user().click(left)
    expect(within(chat()).getByText(/^6 credits ·/)).toBeTruthy()
    expect(within(chat()).getByRole('log').textContent).toContain('#482')
    expect(agent.requests).toBe(1)
  })

  test('while the stored conversations load, the chat shows its frame and sends nothing', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    let finishLoading = () => {}
    const loading = new Promise<void>((resolve) => (finishLoading = resolve))
    const stored = createMemoryStorage()
    // An app's backend: every read waits until the test lets it finish.
    const storage = { ...stored, getItem: (key: string) => loading.then(() => stored.getItem(key)) }
    render(
      <AgentChatWithThreads
        fetch={agent.fetch}
        threads={{ storage }}
        suggestions={['Explain credits']}
      />,
    )
    expect(chat().closest('fieldset')?.getAttribute('aria-busy')).toBe('true')
    const composer = within(chat()).getByRole('textbox', { name: 'Message' })
    expect(composer.matches(':disabled')).toBe(true)
    await user().click(within(chat()).getByRole('button', { name: 'Explain credits' }))
    await user().type(composer, 'Too early{Enter}')
    expect(agent.requests).toBe(0)

    finishLoading()
    await waitFor(() => expect(chat().closest('fieldset')).toBeNull())
    await ask('Now')
    await settled()
    expect(within(chat()).getByRole('log').textContent).toContain('Now')
    expect(agent.requests).toBe(1)
  })

  test('delete asks, then undo brings the conversation back', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    render(
      <AgentChatWithThreads fetch={agent.fetch} threads={{ storage: createMemoryStorage() }} />,
    )
    await ask('Keep me')
    await settled()
    await user().click(rowNamed('Delete “Keep me”'))
    await user().click(within(list()).getByRole('button', { name: 'Delete' }))
    expect(within(list()).queryByRole('button', { name: 'Keep me' })).toBeNull()
    // Nothing left: a new, empty conversation is open.
    await waitFor(() => expect(within(chat()).getByText('Start a conversation')).toBeTruthy())
    await user().click(within(list()).getByRole('button', { name: 'Undo' }))
    await user().click(rowNamed('Keep me'))
    expect(within(chat()).getByRole('log').textContent).toContain('Keep me')
  })

  test('labels it is given replace those strings in the chat and the list; every other string keeps its default', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    render(
      <AgentChatWithThreads
        fetch={agent.fetch}
        threads={{ storage: createMemoryStorage() }}
        labels={{ send: 'Envoyer', threads: 'Discussions', cancel: 'Annuler' }}
      />,
    )
    const discussions = () => screen.getByRole('navigation', { name: 'Discussions' })
    // Defaults of the layout, the list and the chat, none of them passed.
    expect(screen.getByRole('button', { name: 'Conversations', expanded: false })).toBeTruthy()
    expect(
      within(discussions()).getByRole('searchbox', { name: 'Search conversations' }),
    ).toBeTruthy()
    expect(within(chat()).getByRole('textbox', { name: 'Message' })).toBeTruthy()
    expect(within(chat()).getByText('Start a conversation')).toBeTruthy()
    expect(within(chat()).getByRole('button', { name: 'Envoyer' })).toBeTruthy()
    await ask('Keep me')
    await settled()
    await user().click(within(discussions()).getByRole('button', { name: 'Delete “Keep me”' }))
    // A key both use (`cancel`) is replaced in the list as well as in the chat.
    expect(within(discussions()).getByRole('button', { name: 'Annuler' })).toBeTruthy()
    expect(within(discussions()).getByRole('button', { name: 'Delete' })).toBeTruthy()
    await user().click(within(discussions()).getByRole('button', { name: 'New conversation' }))
    expect(within(discussions()).getByText('Untitled conversation')).toBeTruthy()
  })
})
