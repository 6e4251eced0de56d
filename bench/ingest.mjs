// Ingest, without React: SSE bytes → the client's real path (fetch, eventsource-parser,
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

// fetch-event-source (the comparison row only) reaches for `window` and `document` without
// guards; Node has neither. The client itself needs neither.
globalThis.window ??= globalThis
globalThis.document ??= {
  hidden: false,
  addEventListener() {},
  removeEventListener() {},
}

/** The built client, or the reason it cannot be benchmarked yet. */
export async function loadClient() {
  if (!existsSync(clientDist)) return { missing: 'packages/client/dist is not built' }
  const client = await import(clientDist.href)
  for (const name of ['createAgentClient', 'createConversationStore']) {
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
  return new ReadableStream({
    pull: (controller) =>
      new Promise((resolve) =>
        setImmediate(() => {
          if (next < pieces.length) controller.enqueue(pieces[next++])
          else controller.close()
          resolve()
        }),
      ),
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

const requireFromRoot = createRequire(new URL('../package.json', import.meta.url))
const requireFromClient = createRequire(new URL('../packages/client/package.json', import.meta.url))

/**
 * An SSE library with nothing but JSON.parse per event: the ceiling of any client built on it,
 * so the report can tell the library's cost from the client's own. eventsource-parser is what
 * the client uses; fetch-event-source is what it used before.
 */
const libraries = {
  'eventsource-parser': async (pieces) => {
    const { createParser } = await import(requireFromClient.resolve('eventsource-parser'))
    const reader = streamOf(pieces).getReader()
    let parsed = 0
    const start = startClock()
    const decoder = new TextDecoder()
    const parser = createParser({ onEvent: (event) => (parsed += JSON.parse(event.data) ? 1 : 0) })
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      parser.feed(decoder.decode(read.value, { stream: true }))
    }
    return stopClock(start)
  },
  'fetch-event-source': async (pieces) => {
    const { fetchEventSource } = await import(
      requireFromRoot.resolve('@microsoft/fetch-event-source')
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

/** How each path hands events to the store. */
const dispatchModes = {
  none: 'alone, no store',
  event: 'dispatch per event',
  // What useAgentRun does where there are no animation frames (it batches per frame).
  frame: 'dispatchMany per 16 ms',
}

function createDispatcher(store, mode) {
  if (mode === 'none') return { push: () => {}, flush: () => {} }
  if (mode === 'event') return { push: (action) => store.dispatch(action), flush: () => {} }
  let pending = []
  let timer
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.length > 0) store.dispatchMany(pending)
    pending = []
  }
  return {
    push(action) {
      timer ??= setTimeout(flush, 16)
      pending.push(action)
    },
    flush,
  }
}

/**
 * One full run into a fresh store; returns its time and what it produced. `reader` is how the
 * events are taken: `forEachEvent` (a callback per event, what useAgentRun uses) or `stream`
 * (the async iterable, a promise per event).
 */
export async function streamOnce(client, pieces, events, mode, reader = 'forEachEvent') {
  const body = streamOf(pieces)
  const fetch = async () =>
    new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
  const agent = client.createAgentClient({ endpoint: 'http://bench.invalid/api/run', fetch })
  const store = client.createConversationStore()
  let notifications = 0
  store.subscribe(() => notifications++)
  const dispatcher = createDispatcher(store, mode)
  const runId = 'local-run'
  const start = startClock()
  store.dispatch({
    type: 'send',
    runId,
    query: 'bench',
    userMessageId: 'user-1',
    assistantMessageId: 'assistant-1',
  })
  let received = 0
  const onEvent = (event) => {
    received++
    dispatcher.push({ type: 'event', runId, event })
  }
  if (reader === 'stream')
    for await (const event of agent.stream({ query: 'bench' })) onEvent(event)
  else await agent.forEachEvent({ query: 'bench' }, onEvent)
  dispatcher.flush()
  const time = stopClock(start)
  checkOutcome(mode === 'none' ? undefined : store.getState(), events, received)
  return { ...time, notifications }
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
  if (text !== expectedText(events)) throw new Error('the streamed answer text differs')
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

const rate = (events, time) => events.length / (time.cpuMilliseconds / 1000)

/** The client's paths, from the bare reader to what useAgentRun does. */
const clientPaths = [
  { reader: 'stream', mode: 'none' },
  { reader: 'forEachEvent', mode: 'none' },
  { reader: 'forEachEvent', mode: 'event' },
  { reader: 'forEachEvent', mode: 'frame' },
]

/** Runs the ingest bench: 100,000 text chunks (plus 100 tool calls and results) by default. */
export async function runIngest({ chunks = 100_000, rounds = 5 } = {}) {
  const events = createRunEvents({ chunks, toolEvery: 1000 })
  const payloads = toPayloads(events)
  const bytes = new TextEncoder().encode(toSseText(payloads))
  const result = { events: events.length, sseBytes: bytes.length }
  const { client, missing } = await loadClient()
  const large = splitBytes(bytes, 64 * 1024)
  const paths = missing ? [] : clientPaths
  const [floor, ...times] = await bestOf(
    [
      async () => floorOnce(payloads),
      ...Object.values(libraries).map((library) => () => library(large)),
      ...paths.map(
        ({ reader, mode }) =>
          () =>
            streamOnce(client, large, events, mode, reader),
      ),
    ],
    rounds,
  )
  const floorRate = rate(events, floor)
  result.jsonParseFloor = { ...floor, eventsPerSecond: floorRate }
  const libraryTimes = times.splice(0, Object.keys(libraries).length)
  result.libraries = Object.keys(libraries).map((name, index) => ({
    name,
    networkChunks: large.length,
    ...libraryTimes[index],
    eventsPerSecond: rate(events, libraryTimes[index]),
    ratioToFloor: rate(events, libraryTimes[index]) / floorRate,
  }))
  if (missing) return { ...result, available: false, reason: missing }
  result.available = true
  const describe = (time, size, { reader, mode }, reads) => ({
    chunkBytes: size,
    reader: `${reader}()`,
    dispatch: dispatchModes[mode],
    networkChunks: reads,
    ...time,
    eventsPerSecond: rate(events, time),
    ratioToFloor: rate(events, time) / floorRate,
  })
  result.paths = times.map((time, index) => describe(time, 64 * 1024, paths[index], large.length))
  // 7-byte reads take seconds per run: one run each, after the rounds above warmed the JIT up.
  const tiny = splitBytes(bytes, 7)
  const hookPath = clientPaths.at(-1)
  result.paths.push(
    describe(await streamOnce(client, tiny, events, 'frame'), 7, hookPath, tiny.length),
  )
  const reads = await readsOnce(tiny)
  result.tinyReadsAlone = {
    networkChunks: tiny.length,
    ...reads,
    eventsPerSecond: rate(events, reads),
  }
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runIngest(), null, 2))
}
