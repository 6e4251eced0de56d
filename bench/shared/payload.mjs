// The streams every bench replays: deterministic wire events (snake_case, as the server sends
// them) and their SSE encoding. Shared by the Node ingest bench and the browser bench page.

const words = [
  'the',
  'agent',
  'found',
  'three',
  'open',
  'issues',
  'in',
  '`payments`',
  'and',
  '**two**',
  'of',
  'them',
  'block',
  'the',
  'release;',
  'see',
  '[the board](https://example.com/board)',
  'for',
  'details.',
  'Next,',
  'it',
  'will',
  'check',
  '_flaky_',
  'tests',
  'before',
  'merging',
]

/** A small pseudo-random generator, so every run replays the same bytes. */
export function createRandom(seed = 7) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * The text of chunk `index`: a few words, with a paragraph break, a list item or a fenced code
 * block now and then, so the markdown renderer sees every kind of block it meets in real answers.
 */
export function chunkText(index, random) {
  if (index % 400 === 399)
    return '\n\n```ts\nconst total = items.reduce((a, b) => a + b, 0)\n```\n\n'
  if (index % 97 === 96) return '\n\n- '
  if (index % 61 === 60) return '\n\n'
  const count = 1 + Math.floor(random() * 3)
  let text = ''
  for (let word = 0; word < count; word++) text += words[Math.floor(random() * words.length)] + ' '
  return text
}

/**
 * One run as wire events: `run_started`, `chunks` text chunks with a tool call and its result
 * after every `toolEvery` chunks, then `run_completed`.
 */
export function createRunEvents({ chunks, toolEvery = 1000, seed = 7, runId = 'run_bench' }) {
  const random = createRandom(seed)
  const events = [{ type: 'run_started', run_id: runId, task_id: 'task_bench' }]
  for (let index = 0; index < chunks; index++) {
    events.push({ type: 'text_chunk', content: chunkText(index, random) })
    if (toolEvery > 0 && index % toolEvery === toolEvery - 1) {
      const params = { state: 'open', label: 'P1', page: index / toolEvery }
      events.push({ type: 'tool_call', tool: 'github', action: 'list_issues', params })
      const issues = [{ number: index, title: 'Checkout fails on retry', labels: ['P1', 'bug'] }]
      events.push({ type: 'tool_result', tool: 'github', result: { count: 1, issues } })
    }
  }
  events.push({ type: 'run_completed', run_id: runId, credits_used: 6, duration_ms: 3241 })
  return events
}

/** The `data:` payloads of the events, exactly as they travel inside the SSE stream. */
export function toPayloads(events) {
  return events.map((event) => JSON.stringify(event))
}

/** The SSE text of the payloads: one `data:` line each, then a blank line. */
export function toSseText(payloads) {
  return payloads.map((payload) => `data: ${payload}\n\n`).join('')
}

/** The answer text the events should add up to, to check a bench run really streamed it all. */
export function expectedText(events) {
  let text = ''
  for (const event of events) if (event.type === 'text_chunk') text += event.content
  return text
}

/** Cuts bytes into views of `size` bytes, the way a network hands a body over. */
export function splitBytes(bytes, size) {
  const pieces = []
  for (let start = 0; start < bytes.length; start += size) {
    pieces.push(bytes.subarray(start, start + size))
  }
  return pieces
}
