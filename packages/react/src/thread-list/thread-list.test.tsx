import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ThreadSummary } from '@auteryn/client'
import { ThreadList } from './thread-list'

const thread = (id: string, title: string): ThreadSummary => ({
  id,
  title,
  createdAt: 1,
  updatedAt: 1,
  messageCount: 2,
})
const threads = [thread('a', 'Open P1 bugs'), thread('b', 'Review slot'), thread('c', 'Credits')]

const rows = () => screen.getAllByRole('button', { name: /^(Open P1 bugs|Review slot|Credits)/ })

describe('ThreadList', () => {
  afterEach(cleanup)

  it('marks the open conversation with aria-current, and only it', () => {
    render(<ThreadList threads={threads} activeId="b" onSelect={() => {}} />)
    expect(screen.getByRole('navigation', { name: 'Conversations' })).toBeDefined()
    expect(rows().map((row) => row.getAttribute('aria-current'))).toEqual([null, 'true', null])
  })

  it('says so when there is no conversation, and when the search finds none', async () => {
    const { rerender } = render(<ThreadList threads={[]} onSelect={() => {}} />)
    expect(screen.getByText('No conversations yet.')).toBeDefined()
    expect(screen.queryByRole('searchbox')).toBeNull()
    rerender(<ThreadList threads={threads} onSelect={() => {}} />)
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'zebra')
    expect(screen.getByText('No conversation matches “zebra”.')).toBeDefined()
  })

  it('while the conversations are read, says so (busy) instead of "No conversations yet"', () => {
    const { rerender } = render(<ThreadList threads={[]} loading onSelect={() => {}} />)
    const list = screen.getByRole('navigation', { name: 'Conversations' })
    expect(list.textContent).toContain('Loading conversations…')
    expect(list.textContent).not.toContain('No conversations yet.')
    expect(list.getAttribute('aria-busy')).toBe('true')
    expect(list.dataset.state).toBe('loading')
    rerender(<ThreadList threads={[]} onSelect={() => {}} />)
    expect(list.textContent).toContain('No conversations yet.')
    expect(list.getAttribute('aria-busy')).toBeNull()
    expect(list.dataset.state).toBe('ready')
  })

  it('filters by title as the user types', async () => {
    render(<ThreadList threads={threads} onSelect={() => {}} />)
    await userEvent.type(screen.getByRole('searchbox'), 'review')
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Review slot'])
  })

  it('keyboard: Tab reaches one row, arrows move, Enter opens', async () => {
    const onSelect = vi.fn()
    render(<ThreadList threads={threads} activeId="a" onSelect={onSelect} search={false} />)
    await userEvent.tab()
    expect(document.activeElement).toBe(rows()[0])
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}')
    expect(document.activeElement).toBe(rows()[2])
    await userEvent.keyboard('{Home}{ArrowDown}{Enter}')
    expect(onSelect).toHaveBeenCalledWith('b')
    await userEvent.keyboard('{End}{ArrowUp}{ArrowUp}{ArrowUp}')
    expect(document.activeElement).toBe(rows()[0])
    // Only the focused row is in the tab order.
    expect(rows().map((row) => row.tabIndex)).toEqual([0, -1, -1])
  })

  it('the tab stop follows the open conversation when another opens', async () => {
    const { rerender } = render(
      <ThreadList threads={threads} activeId="a" onSelect={() => {}} search={false} />,
    )
    await userEvent.tab()
    await userEvent.keyboard('{ArrowDown}')
    expect(rows().map((row) => row.tabIndex)).toEqual([-1, 0, -1])
    rerender(<ThreadList threads={threads} activeId="c" onSelect={() => {}} search={false} />)
    expect(rows().map((row) => row.tabIndex)).toEqual([-1, -1, 0])
  })

  it('Delete asks first; Escape keeps the conversation', async () => {
    const onDelete = vi.fn()
    render(<ThreadList threads={threads} onSelect={() => {}} onDelete={onDelete} search={false} />)
    await userEvent.tab()
    await userEvent.keyboard('{ArrowDown}{Delete}')
    const question = screen.getByRole('group', { name: 'Delete “Review slot”?' })
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Delete' }))
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('group')).toBeNull()
    expect(document.activeElement).toBe(rows()[1])
    expect(onDelete).not.toHaveBeenCalled()
  })

  it('confirming deletes, and the keyboard moves on to the next row', async () => {
    const onDelete = vi.fn()
    render(<ThreadList threads={threads} onSelect={() => {}} onDelete={onDelete} search={false} />)
    await userEvent.click(screen.getByRole('button', { name: 'Delete “Review slot”' }))
    await userEvent.keyboard('{Enter}')
    expect(onDelete).toHaveBeenCalledWith('b')
    expect(document.activeElement).toBe(rows()[2])
  })

  it('offers Undo for the conversation deleted last', async () => {
    const onUndo = vi.fn()
    render(
      <ThreadList
        threads={threads.slice(1)}
        onSelect={() => {}}
        removed={threads[0]}
        onUndo={onUndo}
      />,
    )
    const status = screen.getByRole('status')
    expect(status.textContent).toContain('Deleted “Open P1 bugs”.')
    await userEvent.click(within(status).getByRole('button', { name: 'Undo' }))
    expect(onUndo).toHaveBeenCalledTimes(1)
  })

  it('renames in place: F2 or the button, Enter saves, Escape cancels, blank is ignored', async () => {
    const onRename = vi.fn()
    render(<ThreadList threads={threads} onSelect={() => {}} onRename={onRename} search={false} />)
    await userEvent.tab()
    await userEvent.keyboard('{F2}')
    const input = screen.getByRole('textbox', { name: 'Conversation title' })
    await userEvent.clear(input)
    await userEvent.type(input, 'P1 triage{Enter}')
    expect(onRename).toHaveBeenCalledWith('a', 'P1 triage')
    expect(document.activeElement).toBe(rows()[0])

    await userEvent.click(screen.getByRole('button', { name: 'Rename “Credits”' }))
    await userEvent.type(screen.getByRole('textbox'), ' and more{Escape}')
    await userEvent.click(screen.getByRole('button', { name: 'Rename “Credits”' }))
    await userEvent.clear(screen.getByRole('textbox'))
    await userEvent.keyboard('{Enter}')
    expect(onRename).toHaveBeenCalledTimes(1)
  })

  it('a New conversation button when onCreate is given; untitled threads read as new', async () => {
    const onCreate = vi.fn()
    render(<ThreadList threads={[thread('n', '')]} onSelect={() => {}} onCreate={onCreate} />)
    await userEvent.click(screen.getByRole('button', { name: 'New conversation' }))
    expect(onCreate).toHaveBeenCalledTimes(1)
    expect(screen.getAllByRole('listitem')[0]?.textContent).toBe('Untitled conversation')
  })

  it('marks conversations still answering in the background', () => {
    render(<ThreadList threads={threads} activeId="a" answeringIds={['c']} onSelect={() => {}} />)
    const item = screen.getByRole('button', { name: /^Credits/ }).closest('li')
    expect(item?.dataset.state).toBe('streaming')
    expect(item?.textContent).toBe('CreditsAnswering…')
  })
})
