import { describe, expect, test } from 'vitest'
import { parseStoredConversation, serializeConversation } from './persistence'
import { createConversation, reduceConversationBatch } from './reducer'
import type { AssistantMessage, Conversation, ConversationAction } from './types'

function answered(
  runId: string,
  query: string,
  text: string,
  revise?: string,
): ConversationAction[] {
  return [
    {
      type: 'send',
      runId,
      query,
      userMessageId: `u-${runId}`,
      assistantMessageId: `a-${runId}`,
      ...(revise ? { revise } : {}),
    },
    { type: 'event', runId, event: { type: 'run_started', runId: `srv-${runId}`, taskId: 'task' } },
    { type: 'event', runId, event: { type: 'text_chunk', content: text } },
    {
      type: 'event',
      runId,
      event: { type: 'run_completed', runId: `srv-${runId}`, creditsUsed: 3, durationMs: 5 },
    },
  ]
}

const last = (conversation: Conversation) => conversation.messages.at(-1) as AssistantMessage
const textOf = (message: AssistantMessage) =>
  message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')

describe('regenerate and edit keep versions', () => {
  const first = reduceConversationBatch(createConversation(), answered('r1', 'Question', 'One'))

  test('regenerating keeps the earlier answer as a version, in the same place', () => {
    const again = reduceConversationBatch(first, answered('r2', 'Question', 'Two', 'a-r1'))
    expect(again.messages).toHaveLength(2)
    expect(again.messages[0]).toBe(first.messages[0])
    expect(textOf(last(again))).toBe('Two')
    expect(last(again).versions).toEqual([{ question: 'Question', answer: last(first) }])
    // Each run is paid: the total counts both.
    expect(again.credits).toEqual({ lastRun: 3, total: 6 })
  })

  test('editing replaces the question, and the version keeps the one it answered', () => {
    const two = reduceConversationBatch(first, answered('r2', 'Question', 'Two', 'a-r1'))
    const three = reduceConversationBatch(two, answered('r3', 'Better question', 'Three', 'a-r2'))
    expect(three.messages[0]).toMatchObject({ role: 'user', text: 'Better question' })
    expect(
      last(three).versions?.map((version) => [version.question, textOf(version.answer)]),
    ).toEqual([
      ['Question', 'One'],
      ['Question', 'Two'],
    ])
    expect(last(three).versions?.[1]?.answer.versions).toBeUndefined()
  })

  test('only the last answer can be revised; anything else is an ordinary send', () => {
    const two = reduceConversationBatch(first, answered('r2', 'Next', 'Two'))
    const wrong = reduceConversationBatch(two, answered('r3', 'Again', 'Three', 'a-r1'))
    expect(wrong.messages).toHaveLength(6)
    expect(last(wrong).versions).toBeUndefined()
  })

  test('a revision of an answer still streaming settles it as stopped first', () => {
    const streaming = reduceConversationBatch(
      createConversation(),
      answered('r1', 'Q', 'Partial').slice(0, 3),
    )
    const revised = reduceConversationBatch(streaming, answered('r2', 'Q', 'Whole', 'a-r1'))
    expect(last(revised).versions?.[0]?.answer.status).toBe('stopped')
    expect(revised.status).toBe('idle')
  })
})

describe('feedback', () => {
  const first = reduceConversationBatch(createConversation(), answered('r1', 'Question', 'One'))

  test('is set on the answer, replaced, and taken back', () => {
    const rated = reduceConversationBatch(first, [
      { type: 'feedback', messageId: 'a-r1', feedback: { rating: 'down' } },
      { type: 'feedback', messageId: 'a-r1', feedback: { rating: 'down', comment: 'Wrong count' } },
    ])
    expect(last(rated).feedback).toEqual({ rating: 'down', comment: 'Wrong count' })
    expect(first.messages[1]).not.toHaveProperty('feedback')
    const taken = reduceConversationBatch(rated, [
      { type: 'feedback', messageId: 'a-r1', feedback: undefined },
    ])
    expect(last(taken)).not.toHaveProperty('feedback')
  })

  test('an unknown message changes nothing', () => {
    const same = reduceConversationBatch(first, [
      { type: 'feedback', messageId: 'u-r1', feedback: { rating: 'up' } },
      { type: 'feedback', messageId: 'nope', feedback: { rating: 'up' } },
    ])
    expect(same).toBe(first)
  })
})

describe('stored versions and feedback', () => {
  const two = reduceConversationBatch(createConversation(), [
    ...answered('r1', 'Question', 'One'),
    ...answered('r2', 'Question', 'Two', 'a-r1'),
    { type: 'feedback', messageId: 'a-r2', feedback: { rating: 'up', comment: 'Good' } },
  ])

  test('survive a reload', () => {
    expect(parseStoredConversation(serializeConversation(two) ?? null)).toEqual(two)
  })

  const stored = (mutate: (answer: Record<string, unknown>) => void) => {
    const copy = JSON.parse(serializeConversation(two)!) as {
      conversation: { messages: Record<string, unknown>[] }
    }
    mutate(copy.conversation.messages[1]!)
    return parseStoredConversation(JSON.stringify(copy))
  }

  // Dropped alone, not the conversation with it: everything else of it still restores.
  test('a malformed rating, comment or version is dropped; the rest is restored', () => {
    const { feedback, versions, ...plain } = last(two)
    const version = versions![0]!
    const restoredAnswer = (mutate: (answer: Record<string, unknown>) => void) =>
      last(stored(mutate)!)
    const cases: [(answer: Record<string, unknown>) => void, AssistantMessage][] = [
      [(answer) => (answer.feedback = { rating: 'meh' }), { ...plain, versions }],
      [
        (answer) => (answer.feedback = { rating: 'up', comment: 42 }),
        { ...plain, versions, feedback: { rating: 'up' } },
      ],
      [(answer) => (answer.feedback = 'up'), { ...plain, versions }],
      [(answer) => (answer.versions = 'One'), { ...plain, feedback }],
      [(answer) => (answer.versions = [{ question: 'Q' }]), { ...plain, feedback }],
      [
        (answer) => (answer.versions = [{ question: 7, answer: version.answer }, version]),
        { ...plain, feedback, versions: [version] },
      ],
      [
        (answer) =>
          (answer.versions = [{ question: 'Q', answer: { role: 'assistant', parts: [] } }]),
        { ...plain, feedback },
      ],
      [
        (answer) =>
          (answer.versions = [{ question: 'Q', answer: { ...version.answer, parts: 'x' } }]),
        { ...plain, feedback },
      ],
      // A version with versions of its own: the stored shape never nests, so they are left out.
      [
        (answer) => (answer.versions = [{ question: 'Q', answer: last(two) }]),
        { ...plain, feedback, versions: [{ question: 'Q', answer: { ...plain, feedback } }] },
      ],
    ]
    for (const [mutate, expected] of cases) expect(restoredAnswer(mutate)).toEqual(expected)
  })
})
