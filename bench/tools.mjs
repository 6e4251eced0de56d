// Tool pairing, without React: N tool calls of one tool, then their N results (every result
// pairs with the oldest call still open, the longest search a pairing can need), through the
// reducer alone and through useAgentRun's controller.
import { pathToFileURL } from 'node:url'
import { hookOnce, loadClient } from './ingest.mjs'
import { splitBytes, toPayloads, toSseText } from './shared/payload.mjs'

/** A run of `pairs` calls of one tool, then their results, as wire events. */
export function createToolRun(pairs) {
  const events = [{ type: 'run_started', run_id: 'run_tools', task_id: 'task_tools' }]
  for (let index = 0; index < pairs; index++) {
    events.push({ type: 'tool_call', tool: 'search', action: 'query', params: { index } })
  }
  for (let index = 0; index < pairs; index++) {
    events.push({ type: 'tool_result', tool: 'search', result: { index } })
  }
  events.push({ type: 'run_completed', run_id: 'run_tools', credits_used: 1, duration_ms: 1 })
  return events
}

const cpuMilliseconds = (start) => {
  const { user, system } = process.cpuUsage(start)
  return (user + system) / 1000
}

/** The reducer's actions for the events (camelCased by the client's own validator). */
function toActions(client, events) {
  const runId = 'local-run'
  const send = { type: 'send', runId, query: 'q', userMessageId: 'u', assistantMessageId: 'a' }
  const actions = events.map((event) => {
    const parsed = client.parseRunEvent(JSON.stringify(event))
    if (!parsed.event) throw new Error(parsed.diagnostic.message)
    return { type: 'event', runId, event: parsed.event }
  })
  return { send, actions }
}

/** A bench that paired wrongly would report a fine speed: refuse to. */
function checkPairs(conversation, pairs) {
  const parts = conversation.messages[1].parts
  const paired = parts.every(
    (part) => part.state === 'done' && part.params.index === part.result.index,
  )
  if (parts.length !== pairs || !paired)
    throw new Error('the results did not pair with their calls')
}

/**
 * CPU ms to reduce every action, `batch` actions per reduction (1: `reduceConversation` each;
 * more: the store's `dispatchMany`, the public path to one reduction per batch).
 */
function reduceOnce(client, { send, actions }, batch, pairs) {
  if (batch === 1) {
    let state = client.reduceConversation(client.createConversation(), send)
    const start = process.cpuUsage()
    for (const action of actions) state = client.reduceConversation(state, action)
    const milliseconds = cpuMilliseconds(start)
    checkPairs(state, pairs)
    return milliseconds
  }
  const store = client.createConversationStore()
  store.dispatch(send)
  const start = process.cpuUsage()
  for (let index = 0; index < actions.length; index += batch) {
    store.dispatchMany(actions.slice(index, index + batch))
  }
  const milliseconds = cpuMilliseconds(start)
  checkPairs(store.getState(), pairs)
  return milliseconds
}

const bestOf = async (rounds, run) => {
  let best = Infinity
  for (let round = 0; round <= rounds; round++) {
    const time = await run()
    if (round > 0) best = Math.min(best, time) // round 0 warms the JIT up
  }
  return best
}

/** Runs the tool-pairing bench: 20,000 pairs through each path, and the per-action reducer at smaller sizes. */
export async function runTools({ pairs = 20_000, rounds = 5 } = {}) {
  const loaded = await loadClient()
  if (loaded.missing) return { available: false, reason: loaded.missing }
  const { client } = loaded
  const events = createToolRun(pairs)
  const reduced = toActions(client, events)
  const rows = []
  for (const batch of [reduced.actions.length, 100]) {
    const name =
      batch === 100 ? 'the reducer, a batch per 100 events' : 'the reducer, all events in one batch'
    rows.push({
      name,
      pairs,
      cpuMilliseconds: await bestOf(rounds, () => reduceOnce(client, reduced, batch, pairs)),
    })
  }
  const bytes = new TextEncoder().encode(toSseText(toPayloads(events)))
  const pieces = splitBytes(bytes, 64 * 1024)
  const hook = await bestOf(
    rounds,
    async () => (await hookOnce(loaded, pieces, events)).cpuMilliseconds,
  )
  rows.push({
    name: "useAgentRun's controller, 64 KiB reads",
    pairs,
    cpuMilliseconds: hook,
    hook: true,
  })
  // One reduction per event copies the message's parts array each time: quadratic in the parts,
  // whatever the pairing costs. Shown at sizes that finish, to show how it grows.
  for (const smaller of [2_500, 5_000, 10_000]) {
    const actions = toActions(client, createToolRun(smaller))
    rows.push({
      name: 'the reducer, one reduceConversation per event',
      pairs: smaller,
      cpuMilliseconds: await bestOf(1, () => reduceOnce(client, actions, 1, smaller)),
    })
  }
  return { available: true, rows }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runTools(), null, 2))
}
