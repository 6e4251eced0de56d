/**
 * What the page streams: the earlier thread (built through the client's own validator and
 * reducer, as a restored conversation would be) and the SSE bytes of the measured answer.
 */
import { createConversationStore, parseRunEvent, type ConversationAction } from '@auteryn/client'
import { chunkText, createRandom, createRunEvents } from '../../shared/payload.mjs'

const encoder = new TextEncoder()
const sse = (event: object) => encoder.encode(`data: ${JSON.stringify(event)}\n\n`)

/** Markdown of one earlier answer, in the chunks it arrived in: heading, list, code, link. */
function earlierAnswer(turn: number): string[] {
  return [
    `### Release check ${turn}\n\n`,
    'The agent looked at **open issues** and `payments` tests. ',
    'Details are on [the board](https://example.com/board).\n\n',
    '- three open P1 issues\n- two flaky tests\n- one blocked deploy\n\n',
    '```ts\nconst blocked = issues.filter((issue) => issue.labels.includes("P1"))\n```\n\n',
    `> Checked at step ${turn}; _nothing else_ needs attention.`,
  ]
}

function wireEventsOfTurn(turn: number) {
  const runId = `run_history_${turn}`
  const events: object[] = [{ type: 'run_started', run_id: runId, task_id: 'task_bench' }]
  const [first, ...rest] = earlierAnswer(turn)
  events.push({ type: 'text_chunk', content: first })
  if (turn % 2 === 0) {
    const params = { state: 'open', label: 'P1' }
    events.push({ type: 'tool_call', tool: 'github', action: 'list_issues', params })
    events.push({ type: 'tool_result', tool: 'github', result: { count: 3, page: turn } })
  }
  for (const content of rest) events.push({ type: 'text_chunk', content })
  events.push({ type: 'run_completed', run_id: runId, credits_used: 6, duration_ms: 3241 })
  return events
}

/** A store holding `messageCount` earlier messages (user and assistant turns, alternating). */
export function createThreadStore(messageCount: number) {
  const actions: ConversationAction[] = []
  for (let turn = 0; turn < messageCount / 2; turn++) {
    const runId = `history-${turn}`
    actions.push({
      type: 'send',
      runId,
      query: `Question ${turn}: what blocks the release?`,
      userMessageId: `${runId}-question`,
      assistantMessageId: `${runId}-answer`,
    })
    for (const wire of wireEventsOfTurn(turn)) {
      const parsed = parseRunEvent(JSON.stringify(wire))
      if ('event' in parsed) actions.push({ type: 'event', runId, event: parsed.event })
    }
  }
  const store = createConversationStore()
  store.dispatchMany(actions)
  return store
}

/** A first chunk of about `bytes` bytes of markdown, so the answer starts out long. */
function leadText(bytes: number) {
  const random = createRandom(11)
  let text = ''
  for (let index = 0; text.length < bytes; index++) text += chunkText(index, random)
  return text
}

/** The answer's SSE bytes: lead (`run_started`, an optional long first chunk), chunks, tail. */
export function createAnswerBytes(chunks: number, leadBytes: number) {
  const events = createRunEvents({ chunks, toolEvery: 1000, seed: 3 })
  const lead = [sse(events[0]!)]
  let leadContent = ''
  if (leadBytes > 0) {
    leadContent = leadText(leadBytes)
    lead.push(sse({ type: 'text_chunk', content: leadContent }))
  }
  const middle: Array<{ type: string; content?: string }> = events.slice(1, -1)
  return {
    lead,
    chunks: middle.map(sse),
    tail: [sse(events[events.length - 1]!)],
    /** The answer text after the first `delivered` measured events, to check what was rendered. */
    textAfter(delivered: number) {
      let text = leadContent
      for (const event of middle.slice(0, delivered)) {
        if (event.type === 'text_chunk') text += event.content
      }
      return text
    },
  }
}
