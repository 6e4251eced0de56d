import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import type { Message } from '@auteryn/client'
import { ChatThread } from './chat-thread'
import { groupMessages } from './message-group'

// A MessageView without a memo of its own: what renders here is what the groups let through.
const renders: string[] = []
vi.mock('./message-view', () => ({
  MessageView: ({ message }: { message: Message }) => {
    renders.push(message.id)
    return <article data-id={message.id} />
  },
}))

beforeEach(() => {
  renders.length = 0
})
afterEach(cleanup)

// Ids as the kit makes them: a prefix, a time, random characters and a counter.
const question = (index: number): Message => ({
  id: `user_m3k${(index * 7919).toString(36)}x${index}`,
  role: 'user',
  text: `Question ${index}`,
})
const thread = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, offset) => question(from + offset))
const idsOf = (messages: readonly Message[]) => messages.map((message) => message.id)

describe('groupMessages', () => {
  it('keeps every message, in order, in groups of 1 to 64 that average near 32', () => {
    const messages = thread(0, 1000)
    const groups = groupMessages(messages)
    expect(groups.flatMap((group) => idsOf(group.messages))).toEqual(idsOf(messages))
    expect(Math.max(...groups.map((group) => group.messages.length))).toBeLessThanOrEqual(64)
    expect(groups.length).toBeGreaterThan(1000 / 64)
    expect(groups.length).toBeLessThan(1000 / 16)
    expect(groups.map((group) => group.key)).toEqual(groups.map((group) => group.messages[0]?.id))
  })

  it('leaves every group but the first as it was when messages are added or removed at the top', () => {
    const messages = thread(100, 300)
    const before = groupMessages(messages)
    const unchanged = before.slice(1).map((group) => [group.key, idsOf(group.messages)])
    for (const after of [
      groupMessages([...thread(90, 100), ...messages]),
      groupMessages([...thread(0, 100), ...messages]),
      groupMessages(messages.slice(2)),
    ]) {
      const kept = after.map((group) => [group.key, idsOf(group.messages)])
      expect(kept).toEqual(expect.arrayContaining(unchanged))
    }
  })
})

describe('ChatThread groups', () => {
  it('a chunk into the last message renders only the messages of the last group', () => {
    const settled = thread(0, 99)
    const streaming = (text: string): Message => ({
      id: 'assistant_last',
      role: 'assistant',
      parts: [{ kind: 'text', text }],
      status: 'streaming',
    })
    const { container, rerender } = render(<ChatThread messages={[...settled, streaming('H')]} />)
    const lastGroup = [...container.querySelectorAll('.auteryn-thread-group')].at(-1)
    const inLastGroup = [...(lastGroup?.querySelectorAll('article') ?? [])].map(
      (article) => article.dataset.id,
    )
    expect(inLastGroup.length).toBeLessThan(100)
    renders.length = 0
    rerender(<ChatThread messages={[...settled, streaming('Hi')]} />)
    expect(renders).toEqual(inLastGroup)
  })

  it('keeps the elements of messages when earlier ones are added above them', () => {
    const messages = thread(100, 300)
    const { container, rerender } = render(<ChatThread messages={messages} />)
    const elementOf = (id: string) => container.querySelector(`[data-id="${id}"]`)
    const later = idsOf(messages.slice(100))
    const elements = later.map(elementOf)
    rerender(<ChatThread messages={[...thread(90, 100), ...messages]} />)
    expect(later.filter((id, index) => elementOf(id) !== elements[index])).toEqual([])
  })
})
