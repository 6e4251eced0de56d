import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createConversation, reduceConversation, reduceConversationBatch } from './reducer'
import type {
  AssistantMessage,
  Conversation,
  ConversationAction,
  MessagePart,
  RunEvent,
  ToolPart,
} from './types'

// An answered call records how long its result took: the clock stands still, so that is 0.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

const runId = 'local-1'
const messageId = 'assistant-1'
const send: ConversationAction = {
  type: 'send',
  runId,
  query: 'Run every tool',
  userMessageId: 'user-1',
  assistantMessageId: messageId,
}
const act = (event: RunEvent): ConversationAction => ({ type: 'event', runId, event })
const completed = act({ type: 'run_completed', runId: 'run_1', creditsUsed: 1, durationMs: 1 })

/** Each call and each result carries its own serial number, so a wrong pairing shows. */
type Step = { call: string } | { result: string } | { text: string }

function toEvents(steps: readonly Step[]): RunEvent[] {
  return steps.map((step, serial) => {
    if ('call' in step)
      return { type: 'tool_call', tool: step.call, action: 'run', params: { serial } }
    if ('result' in step) return { type: 'tool_result', tool: step.result, result: { serial } }
    return { type: 'text_chunk', content: step.text }
  })
}

/**
 * The parts PROTOCOL.md asks for, written from its rule and nothing else: a result closes the
 * oldest call of its tool still open, a result with no open call is a part of its own, and a call
 * still open when the run ends has no result.
 */
function expectedParts(events: readonly RunEvent[], readBackAt = 0): MessagePart[] {
  const parts: MessagePart[] = []
  // A call's start time lives in memory only: a call made before the conversation was read back
  // from storage and answered after it gets its result without a duration.
  const calledAt = new Map<MessagePart, number>()
  // Where each tool's search for its oldest open call starts: every call of that tool before
  // it is closed already. Scanning from 0 would make this oracle quadratic on the large run.
  const searchFrom = new Map<string, number>()
  for (const [position, event] of events.entries()) {
    if (event.type === 'text_chunk') {
      const last = parts.at(-1)
      if (last?.kind === 'text') last.text += event.content
      else parts.push({ kind: 'text', text: event.content })
    } else if (event.type === 'tool_call') {
      const { tool, action, params } = event
      const id = `${messageId}:tool:${parts.length}`
      parts.push({ kind: 'tool', id, tool, action, params, state: 'running' })
      calledAt.set(parts.at(-1)!, position)
    } else if (event.type === 'tool_result') {
      let index = searchFrom.get(event.tool) ?? 0
      while (index < parts.length && !isOpenCallOf(parts[index]!, event.tool)) index++
      searchFrom.set(event.tool, index)
      const open = parts[index]
      if (open) {
        Object.assign(open, { result: event.result, state: 'done' })
        const readBackBetween = calledAt.get(open)! < readBackAt && position >= readBackAt
        if (!readBackBetween) Object.assign(open, { durationMs: 0 })
      } else {
        const id = `${messageId}:tool:${parts.length}`
        parts.push({ kind: 'tool', id, tool: event.tool, result: event.result, state: 'done' })
      }
    }
  }
  for (const part of parts) {
    if (part.kind === 'tool' && part.state === 'running') part.state = 'no-result'
  }
  return parts
}

function isOpenCallOf(part: MessagePart, tool: string) {
  return part.kind === 'tool' && part.tool === tool && part.state === 'running'
}

function partsOf(conversation: Conversation): MessagePart[] {
  return (conversation.messages[1] as AssistantMessage).parts
}

/** A fixed pseudo-random sequence, so the large test replays the same interleaving every run. */
function createRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * Three tools, 10,000 calls and 10,000 results each, interleaved at random with text: results
 * often run ahead of their calls (orphans), and calls pile up (a queue thousands long).
 */
function largeRun(): Step[] {
  const random = createRandom(18)
  const left = new Map(
    ['github', 'search', '__proto__'].map((tool) => [tool, { calls: 10_000, results: 10_000 }]),
  )
  const steps: Step[] = []
  while (left.size > 0) {
    const tools = [...left.keys()]
    const tool = tools[Math.floor(random() * tools.length)]!
    const counts = left.get(tool)!
    // Calls lead for a while (queues thousands long form), then results do (the queues empty
    // and results arrive with no open call), and so on.
    const callsLead = Math.floor(steps.length / 6000) % 2 === 0
    const call = counts.results === 0 || (counts.calls > 0 && random() < (callsLead ? 0.75 : 0.1))
    steps.push(call ? { call: tool } : { result: tool })
    if (call) counts.calls--
    else counts.results--
    if (counts.calls === 0 && counts.results === 0) left.delete(tool)
    if (random() < 0.05) steps.push({ text: 'and ' })
  }
  return steps
}

/** The most calls of one tool open at once. */
function longestQueue(steps: readonly Step[]) {
  const open = new Map<string, number>()
  let longest = 0
  for (const step of steps) {
    if ('call' in step) open.set(step.call, (open.get(step.call) ?? 0) + 1)
    if ('result' in step) open.set(step.result, Math.max(0, (open.get(step.result) ?? 0) - 1))
    longest = Math.max(longest, ...open.values())
  }
  return longest
}

/** Feeds events as an app would: some one by one, most in frame-sized batches. */
function reduceInBatches(start: Conversation, events: readonly RunEvent[], random: () => number) {
  let state = start
  for (let index = 0; index < events.length;) {
    const size = random() < 0.3 ? 1 : 1 + Math.floor(random() * 200)
    const batch = events.slice(index, index + size).map(act)
    state =
      size === 1 ? reduceConversation(state, batch[0]!) : reduceConversationBatch(state, batch)
    index += size
  }
  return state
}

describe('tool results pair with calls', () => {
  // A generous limit for a slow machine: this test checks the pairing; `pnpm bench` measures its speed.
  test(
    '30,000 calls and 30,000 results of three tools pair as the protocol says',
    { timeout: 60_000 },
    () => {
      const steps = largeRun()
      const events = toEvents(steps)
      const half = Math.floor(events.length / 2)
      const expected = expectedParts(events, half)
      // The scale is real: thousands of calls wait at once, and results arrive with none open.
      const orphans = expected.filter((part) => part.kind === 'tool' && part.action === undefined)
      expect(orphans.length).toBeGreaterThan(100)
      expect(
        expected.filter((part) => part.kind === 'tool' && part.state === 'no-result').length,
      ).toBeGreaterThan(100)

      expect(longestQueue(steps)).toBeGreaterThan(1000)

      const random = createRandom(7)
      let state = reduceInBatches(
        reduceConversation(createConversation(), send),
        events.slice(0, half),
        random,
      )
      // A conversation read back from storage (no cached queues) continues with the same pairing.
      state = JSON.parse(JSON.stringify(state)) as Conversation
      state = reduceInBatches(state, events.slice(half), random)
      state = reduceConversation(state, completed)
      expect(partsOf(state)).toEqual(expected)
    },
  )

  test('any sequence, in any batches, pairs as the protocol says', () => {
    const tool = fc.constantFrom('x', 'y', '__proto__', 'constructor')
    const step: fc.Arbitrary<Step> = fc.oneof(
      tool.map((name) => ({ call: name })),
      tool.map((name) => ({ result: name })),
      fc.constant({ text: 't' }),
    )
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.array(fc.nat(8), { maxLength: 20 }),
        (steps, cuts) => {
          const actions = toEvents(steps).map(act)
          let state = reduceConversation(createConversation(), send)
          let index = 0
          for (const cut of cuts) {
            state = reduceConversationBatch(state, actions.slice(index, index + cut))
            index += cut
          }
          state = reduceConversationBatch(state, [...actions.slice(index), completed])
          expect(partsOf(state)).toEqual(expectedParts(toEvents(steps)))
        },
      ),
      { numRuns: 500 },
    )
  })

  test('reducing an earlier state again pairs the same way as the first time', () => {
    const running = [
      act({ type: 'tool_call', tool: 'github', action: 'a', params: 1 }),
      act({ type: 'tool_call', tool: 'github', action: 'b', params: 2 }),
    ].reduce(reduceConversation, reduceConversation(createConversation(), send))
    const result = act({ type: 'tool_result', tool: 'github', result: 'first' })
    const once = reduceConversation(running, result)
    const again = reduceConversation(running, result)
    expect(again).toEqual(once)
    expect(partsOf(again)).toEqual([
      expect.objectContaining({ action: 'a', result: 'first', state: 'done' }),
      expect.objectContaining({ action: 'b', state: 'running' }),
    ])
    // The state that paired once goes on to the second call.
    const next = reduceConversation(
      once,
      act({ type: 'tool_result', tool: 'github', result: 'second' }),
    )
    expect(partsOf(next)[1]).toEqual(
      expect.objectContaining({ action: 'b', result: 'second', state: 'done' }),
    )
    expect(partsOf(running).map((part) => (part as ToolPart).state)).toEqual(['running', 'running'])
  })
})
