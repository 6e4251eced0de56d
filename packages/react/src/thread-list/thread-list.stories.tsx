import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor } from 'storybook/test'
import type { ThreadSummary } from '@auteryn/client'
import { ThreadList, type ThreadListProps } from './thread-list'

const summary = (id: string, title: string, index = 0): ThreadSummary => ({
  id,
  title,
  createdAt: 1_760_000_000_000 - index * 3_600_000,
  updatedAt: 1_760_000_000_000 - index * 3_600_000,
  messageCount: 2 + index,
})

const titles = [
  'What are the open P1 bugs?',
  'Find a slot for a review tomorrow',
  'Summarise last week’s incidents',
  'Draft the release notes for 2.4',
  'Which customers hit the rate limit?',
  'Compare Redis and memory run stores',
]
const threads = titles.map((title, index) => summary(`t${index}`, title, index))
const many = Array.from({ length: 60 }, (_, index) =>
  summary(`m${index}`, `${titles[index % titles.length]} (${index + 1})`, index),
)

/** The list with its own state, as the thread-list hook would drive it. */
function Interactive(props: Partial<ThreadListProps> & { initial: ThreadSummary[] }) {
  const { initial, ...rest } = props
  const [list, setList] = useState(initial)
  const [activeId, setActiveId] = useState(initial[0]?.id)
  const [removed, setRemoved] = useState<{ thread: ThreadSummary; position: number }>()
  return (
    <ThreadList
      threads={list}
      activeId={activeId}
      onSelect={setActiveId}
      onCreate={() => {
        const created = summary(`new${list.length}`, '')
        setList([created, ...list])
        setActiveId(created.id)
      }}
      onRename={(id, title) =>
        setList(list.map((thread) => (thread.id === id ? { ...thread, title } : thread)))
      }
      onDelete={(id) => {
        const position = list.findIndex((thread) => thread.id === id)
        setRemoved({ thread: list[position]!, position })
        setList(list.filter((thread) => thread.id !== id))
      }}
      removed={removed?.thread}
      onUndo={() => {
        if (!removed) return
        setList([
          ...list.slice(0, removed.position),
          removed.thread,
          ...list.slice(removed.position),
        ])
        setRemoved(undefined)
      }}
      {...rest}
    />
  )
}

const meta = {
  title: 'Components/ThreadList',
  component: ThreadList,
  args: { threads, activeId: 't1', onSelect: fn() },
  decorators: [
    (Story) => (
      <div style={{ width: 280, height: 460, display: 'flex' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ThreadList>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  args: { onCreate: fn(), onRename: fn(), onDelete: fn() },
  play: async ({ args, canvas }) => {
    const active = canvas.getByRole('button', { name: 'Find a slot for a review tomorrow' })
    await expect(active).toHaveAttribute('aria-current', 'true')
    await userEvent.click(canvas.getByRole('button', { name: 'What are the open P1 bugs?' }))
    await expect(args.onSelect).toHaveBeenCalledWith('t0')
  },
}

export const Empty: Story = {
  args: { threads: [], activeId: undefined, onCreate: fn() },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No conversations yet.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'New conversation' })).toBeVisible()
  },
}

/** Before the stored conversations are read (server render, hydration, an async storage). */
export const Loading: Story = {
  args: { threads: [], activeId: undefined, loading: true, onCreate: fn() },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Loading conversations…')).toBeVisible()
    await expect(canvas.queryByText('No conversations yet.')).toBeNull()
  },
}

export const ManyThreads: Story = {
  args: { threads: many, activeId: 'm0' },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: many[0]!.title }))
    await userEvent.keyboard('{End}')
    const last = canvas.getByRole('button', { name: many.at(-1)!.title })
    await expect(last).toHaveFocus()
    await expect(last).toBeVisible()
  },
}

export const LongTitles: Story = {
  args: {
    threads: [
      summary('long', 'A question that goes on and on '.repeat(6).trim()),
      summary('word', 'Supercalifragilisticexpialidocious'.repeat(4)),
      ...threads.slice(0, 2),
    ],
    activeId: 'long',
    onDelete: fn(),
  },
  play: async ({ canvasElement }) => {
    const name = canvasElement.querySelector<HTMLElement>('.auteryn-thread-name')!
    // One line with an ellipsis; the row never grows wider than the list.
    await expect(name.scrollWidth).toBeGreaterThan(name.clientWidth)
    await expect(canvasElement.querySelector('nav')!.scrollWidth).toBeLessThanOrEqual(280)
  },
}

export const RightToLeft: Story = {
  args: {
    threads: [
      summary('he', 'מהם הבאגים הפתוחים בעדיפות עליונה?'),
      summary('ar', 'ابحث عن موعد للمراجعة غدًا'),
      summary('en', 'Mixed: English title'),
    ],
    activeId: 'he',
    dir: 'rtl',
    onCreate: fn(),
    onDelete: fn(),
  },
}

export const AnsweringInTheBackground: Story = {
  args: { answeringIds: ['t3'], activeId: 't0' },
  play: async ({ canvas }) => {
    const row = canvas.getByRole('button', { name: /^Draft the release notes/ })
    await expect(row).toHaveTextContent('Answering…')
    await expect(row.closest('li')).toHaveAttribute('data-state', 'streaming')
  },
}

export const DeleteAndUndo: Story = {
  render: () => <Interactive initial={threads} />,
  play: async ({ canvas }) => {
    const row = canvas.getByRole('button', { name: 'Find a slot for a review tomorrow' })
    row.focus()
    await userEvent.keyboard('{Delete}')
    await expect(canvas.getByRole('group', { name: /^Delete “Find a slot/ })).toBeVisible()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.queryByRole('button', { name: /^Find a slot/ })).toBeNull()
    await expect(canvas.getByRole('status')).toHaveTextContent(/Deleted “Find a slot/)
    await expect(canvas.getByRole('button', { name: /^Summarise last week/ })).toHaveFocus()
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }))
    await waitFor(() =>
      expect(canvas.getAllByRole('listitem')[1]).toHaveTextContent('Find a slot for a review'),
    )
  },
}

export const RenameAndCreate: Story = {
  render: () => <Interactive initial={threads.slice(0, 3)} />,
  play: async ({ canvas }) => {
    await userEvent.click(
      canvas.getByRole('button', { name: 'Rename “What are the open P1 bugs?”' }),
    )
    const input = canvas.getByRole('textbox', { name: 'Conversation title' })
    await userEvent.clear(input)
    await userEvent.type(input, 'P1 triage{Enter}')
    await expect(canvas.getByRole('button', { name: 'P1 triage' })).toHaveFocus()
    // Escape keeps the old name, even as the input's removal takes its focus away.
    await userEvent.keyboard('{F2}')
    await userEvent.keyboard(' (draft){Escape}')
    await expect(canvas.getByRole('button', { name: 'P1 triage' })).toHaveFocus()
    await userEvent.click(canvas.getByRole('button', { name: 'New conversation' }))
    await expect(canvas.getByRole('button', { name: 'Untitled conversation' })).toHaveAttribute(
      'aria-current',
      'true',
    )
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  render: () => <Interactive initial={threads} answeringIds={['t2']} />,
}
