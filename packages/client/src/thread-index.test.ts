import { describe, expect, test } from 'vitest'
import { createConversation, reduceConversation } from './reducer'
import { filterThreads, parseThreadIndex, summarize, titleFromQuery } from './thread-index'
import type { ThreadSummary } from './thread-index'

const thread = (id: string, title: string, updatedAt = 1): ThreadSummary => ({
  id,
  title,
  createdAt: 1,
  updatedAt,
  messageCount: 0,
})

describe('titleFromQuery', () => {
  test('collapses whitespace and trims', () => {
    expect(titleFromQuery('  What are\n\nthe   open bugs?  ')).toBe('What are the open bugs?')
  })

  test('cuts a long question at a word, with an ellipsis', () => {
    const title = titleFromQuery('word '.repeat(40))
    expect(title.length).toBeLessThanOrEqual(61)
    expect(title).toMatch(/^word( word)*…$/)
  })

  test('cuts a long word where it must', () => {
    expect(titleFromQuery('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`)
  })
})

describe('summarize', () => {
  const asked = reduceConversation(createConversation(), {
    type: 'send',
    runId: 'r1',
    query: '  Find a slot\nfor a review ',
    userMessageId: 'u1',
    assistantMessageId: 'a1',
  })

  test('titles an unnamed thread from its first question and counts messages', () => {
    expect(summarize(thread('t', ''), asked, 5)).toEqual({
      ...thread('t', 'Find a slot for a review', 5),
      messageCount: 2,
    })
  })

  test('keeps a name the app or the user gave', () => {
    const named = { ...thread('t', 'Reviews'), named: true }
    expect(summarize(named, asked, 5)).toMatchObject({ title: 'Reviews', messageCount: 2 })
  })

  test('returns the same summary when nothing it shows changed', () => {
    const summary = summarize(thread('t', ''), asked, 5)
    expect(summarize(summary, asked, 9)).toBe(summary)
  })
})

describe('filterThreads', () => {
  const threads = [
    thread('a', 'Open P1 bugs'),
    thread('b', 'Review slot'),
    thread('c', 'Bugs in review'),
  ]

  test('matches every word, in any case and order', () => {
    expect(filterThreads(threads, 'REVIEW bugs').map((t) => t.id)).toEqual(['c'])
    expect(filterThreads(threads, 'bugs').map((t) => t.id)).toEqual(['a', 'c'])
  })

  test('a blank query lists every thread', () => {
    expect(filterThreads(threads, '   ')).toEqual(threads)
  })
})

describe('parseThreadIndex', () => {
  test('reads a valid index, most recently updated first', () => {
    const index = parseThreadIndex({
      threads: [thread('a', 'A', 1), { ...thread('b', 'B', 3), named: true }],
      activeId: 'a',
    })
    expect(index).toEqual({
      threads: [{ ...thread('b', 'B', 3), named: true }, thread('a', 'A', 1)],
      activeId: 'a',
    })
  })

  test('drops each bad entry on its own and keeps the rest', () => {
    const index = parseThreadIndex({
      threads: [
        thread('good', 'Good'),
        null,
        'thread',
        { ...thread('no-title', 'x'), title: 42 },
        { ...thread('', 'empty id') },
        { ...thread('nan', 'x'), updatedAt: Number.NaN },
        { ...thread('negative', 'x'), messageCount: -1 },
        { ...thread('fraction', 'x'), messageCount: 1.5 },
        { ...thread('string-time', 'x'), createdAt: '2026' },
        thread('good', 'Duplicate'),
      ],
    })
    expect(index).toEqual({ threads: [thread('good', 'Good')] })
  })

  test('forgets an active id that names no thread, and caps a huge title', () => {
    const index = parseThreadIndex({ threads: [thread('a', 'x'.repeat(10_000))], activeId: 'gone' })
    expect(index?.activeId).toBeUndefined()
    expect(index?.threads[0]?.title).toHaveLength(120)
  })

  test('anything that is not an index is nothing', () => {
    for (const value of [null, 'x', [], { threads: 'x' }, { threads: {} }]) {
      expect(parseThreadIndex(value)).toBeUndefined()
    }
  })
})
