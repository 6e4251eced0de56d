// Ingest, without React: SSE bytes → the client's real path (fetch, fetch-event-source,
// validation) → the conversation store's reducer, against the JSON.parse-only floor.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { existsSync } from 'node:fs'
import {
  createRunEvents,
  expectedText,
  splitBytes,
  toPayloads,
  toSseText,
} from './shared/payload.mjs'

const clientDist = new URL('../packages/client/dist/index.js', import.meta.url)

// fetch-event-source (the client's transport) reaches for `window` and `document` without
// guards; Node has neither.
globalThis.window ??= globalThis
globalThis.document ??= {
  hidden: false,
  addEventListener() {},
  removeEventListener() {},
}

/** The built client (with `createChat`, useAgentRun's engine), or why it cannot be benchmarked. */
export async function loadClient() {
  if (!existsSync(clientDist)) return { missing: 'packages/client/dist is not built' }
  const client = await import(clientDist.href)
  for (const name of ['createAgentClient', 'createConversationStore', 'createChat']) {
    if (typeof client[name] !== 'function') return { missing: `@auteryn/client exports no ${name}` }
  }
  return { client }
}

// CPU time, not wall time, is what the figures divide by: other work on the machine (tests
// running beside the bench) stretches wall time but not the CPU time this process spends.
const startClock = () => ({ wall: performance.now(), cpu: process.cpuUsage() })
function stopClock(start) {
  const { user, system } = process.cpuUsage(start.cpu)
  return {
    wallMilliseconds: performance.now() - start.wall,
    cpuMilliseconds: (user + system) / 1000,
  }
}

/**
 * A response body that hands out `pieces`, each read in its own task, as a network read is:
 * timers (the 16 ms flush below) run between reads as they would in an app. Served from
 * microtasks instead, the whole stream would be one task and every batch one batch.
 */
function streamOf(pieces) {
  let next = 0
  // The client cancels the body once the run has completed; a read already scheduled then finds
  // the stream closed and must not touch it.
  let cancelled = false
  return new ReadableStream({
    pull: (controller) =>
      new Promise((resolve) =>
        setImmediate(() => {
          if (cancelled) return resolve()
          if (next < pieces.length) controller.enqueue(pieces[next++])
          else controller.close()
          resolve()
        }),
      ),
    cancel: () => {
      cancelled = true
    },
  })
}

/** JSON.parse alone over the same payloads: the floor no SSE client can beat. */
function floorOnce(payloads) {
  let keep = 0
  const start = startClock()
  for (const payload of payloads) keep += JSON.parse(payload).type.length
  const time = stopClock(start)
  if (keep === 0) throw new Error('unreachable: keeps the parse loop from being optimised away')
  return time
}

const requireFromClient = createRequire(new URL('../packages/client/package.json', import.meta.url))

/**
 * An SSE library with nothing but JSON.parse per event: the ceiling of any client built on it,
 * so the report can tell the library's cost from the client's own (fetch-event-source, which the
 * client's transport uses).
 */
const libraries = {
  'fetch-event-source': async (pieces) => {
    const { fetchEventSource } = await import(
      requireFromClient.resolve('@microsoft/fetch-event-source')
    )
    const body = streamOf(pieces)
    let parsed = 0
    const start = startClock()
    await fetchEventSource('http://bench.invalid/api/run', {
      openWhenHidden: true,
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
      onmessage: (message) => (parsed += JSON.parse(message.data) ? 1 : 0),
      onerror: (error) => {
        throw error
      },
    })
    return stopClock(start)
  },
}

/** Reading the body and nothing else: what the reads themselves cost, before any parsing. */
async function readsOnce(pieces) {
  const reader = streamOf(pieces).getReader()
  const start = startClock()
  while (!(await reader.read()).done);
  return stopClock(start)
}

/**
 * One run through the client alone: `stream` (the async iterable, a promise per event) or
 * `forEachEvent` (a callback per event), the events dropped or each dispatched to a store on
 * its own (a store update per event: the worst case).
 */
export async function clientOnce({ client }, pieces, events, { reader, dispatch }) {
  const agent = client.createAgentClient({ endpoint, fetch: fetchOf(pieces) })
  const store = client.createConversationStore()
  const runId = 'local-run'
  const start = startClock()
  store.dispatch({
    type: 'send',
    runId,
    query: 'bench',
    userMessageId: 'u',
    assistantMessageId: 'a',
  })
  let received = 0
  const onEvent = dispatch
    ? (event) => (received++, store.dispatch({ type: 'event', runId, event }))
    : () => received++
  if (reader === 'stream') {
    for await (const event of agent.stream({ query: 'bench' })) onEvent(event)
  } else await agent.forEachEvent({ query: 'bench' }, onEvent)
  const time = stopClock(start)
  checkOutcome(dispatch ? store.getState() : undefined, events, received)
  return time
}

/**
 * One run through `createChat`, the chat that useAgentRun binds, without React: `send`, the
 * events taken by forEachEvent, a frame's chunks applied in one store update (per 16 ms here,
 * where there are no animation frames), until `onFinish`.
 */
export async function hookOnce({ client }, pieces, events) {
  let received = 0
  let finished
  const finish = new Promise((resolve) => (finished = resolve))
  const chat = client.createChat({
    endpoint,
    fetch: fetchOf(pieces),
    onEvent: () => received++,
    onFinish: finished,
  })
  const store = chat.store
  const start = startClock()
  chat.send('bench')
  const { reason } = await finish
  const time = stopClock(start)
  if (reason !== 'complete') throw new Error(`the run ended ${reason}`)
  checkOutcome(store.getState(), events, received)
  return time
}

const endpoint = 'http://bench.invalid/api/run'
const fetchOf = (pieces) => async () =>
  new Response(streamOf(pieces), { status: 200, headers: { 'content-type': 'text/event-stream' } })

// Built once per stream: built per run, its rope of 100,000 pieces would be garbage that the
// next measured run's collector pays for.
const expectedTexts = new WeakMap()
function expectedTextOf(events) {
  if (!expectedTexts.has(events)) expectedTexts.set(events, expectedText(events))
  return expectedTexts.get(events)
}

/** A bench that silently dropped events would report a fine speed: refuse to. */
function checkOutcome(conversation, events, received) {
  if (received !== events.length) {
    throw new Error(`the client handed over ${received} events, the stream held ${events.length}`)
  }
  if (!conversation) return
  const answer = conversation.messages.find((message) => message.role === 'assistant')
  const text = answer?.parts
    .filter((part) => part.kind === 'text')
    .map((part) => part.text)
    .join('')
  if (text !== expectedTextOf(events)) throw new Error('the streamed answer text differs')
  const tools = events.filter((event) => event.type === 'tool_call').length
  const done = answer.parts.filter((part) => part.kind === 'tool' && part.state === 'done').length
  if (done !== tools) throw new Error(`${done} of ${tools} tool calls completed`)
}

/**
 * Best of `rounds`, the contenders taking turns: the least disturbed run is the closest to the
 * code's own cost, and taking turns spreads any burst of outside load over all of them alike.
 */
async function bestOf(contenders, rounds) {
  const best = contenders.map(() => undefined)
  for (let round = 0; round <= rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      const time = await contender()
      // Round 0 warms the JIT up and is not counted.
      if (round > 0 && !(best[index]?.cpuMilliseconds <= time.cpuMilliseconds)) best[index] = time
    }
  }
  return best
}

const faster = (a, b) => (a.cpuMilliseconds <= b.cpuMilliseconds ? a : b)
const rate = (events, time) => events.length / (time.cpuMilliseconds / 1000)

/** The client's paths, from the bare reader to what useAgentRun does. */
const clientPaths = [
  { name: 'stream() alone, no store', run: clientOnce, reader: 'stream' },
  { name: 'forEachEvent() alone, no store', run: clientOnce, reader: 'forEachEvent' },
  { name: 'forEachEvent(), a store update per event', run: clientOnce, dispatch: true },
  {
    name: "createChat (useAgentRun's engine), a store update per 16 ms",
    run: hookOnce,
    hook: true,
  },
]

/** Runs the ingest bench: 100,000 text chunks (plus 100 tool calls and results) by default. */
export async function runIngest({ chunks = 100_000, rounds = 8 } = {}) {
  const events = createRunEvents({ chunks, toolEvery: 1000 })
  const payloads = toPayloads(events)
  const bytes = new TextEncoder().encode(toSseText(payloads))
  const result = { events: events.length, sseBytes: bytes.length }
  const loaded = await loadClient()
  const large = splitBytes(bytes, 64 * 1024)
  const paths = loaded.missing ? [] : clientPaths
  const [floor, ...times] = await bestOf(
    [
      // The floor is the divisor of every ratio and a run of it is short, so one burst of outside
      // load would inflate every ratio: it gets three tries per round.
      async () => [floorOnce(payloads), floorOnce(payloads), floorOnce(payloads)].reduce(faster),
      ...Object.values(libraries).map((library) => () => library(large)),
      ...paths.map((path) => () => path.run(loaded, large, events, path)),
    ],
    rounds,
  )
  const floorRate = rate(events, floor)
  result.jsonParseFloor = { ...floor, eventsPerSecond: floorRate }
  const figures = (time, reads) => ({
    networkChunks: reads,
    ...time,
    eventsPerSecond: rate(events, time),
    ratioToFloor: rate(events, time) / floorRate,
  })
  const libraryTimes = times.splice(0, Object.keys(libraries).length)
  result.libraries = Object.keys(libraries).map((name, index) => ({
    name,
    ...figures(libraryTimes[index], large.length),
  }))
  if (loaded.missing) return { ...result, available: false, reason: loaded.missing }
  result.available = true
  result.paths = times.map((time, index) => ({
    name: paths[index].name,
    hook: paths[index].hook === true,
    chunkBytes: 64 * 1024,
    ...figures(time, large.length),
  }))
  // 7-byte reads take seconds per run: one run each, after the rounds above warmed the JIT up.
  const tiny = splitBytes(bytes, 7)
  const hookPath = clientPaths.at(-1)
  result.paths.push({
    name: hookPath.name,
    hook: true,
    chunkBytes: 7,
    ...figures(await hookOnce(loaded, tiny, events), tiny.length),
  })
  result.tinyReadsAlone = figures(await readsOnce(tiny), tiny.length)
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runIngest(), null, 2))
}
