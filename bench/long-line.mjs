// One huge line (a 1 MB text_chunk) read in 64 KiB and in 7-byte pieces: fetch-event-source
// alone (its line reader re-copies its pending buffer on every read while the line is open)
// against the client, which hands the library whole lines only.
// Usage: pnpm build && node bench/long-line.mjs
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { existsSync } from 'node:fs'
import { splitBytes } from './shared/payload.mjs'

const clientDist = new URL('../packages/client/dist/index.js', import.meta.url)
const requireFromClient = createRequire(new URL('../packages/client/package.json', import.meta.url))

// fetch-event-source reaches for `window` and `document` without guards; Node has neither.
globalThis.window ??= globalThis
globalThis.document ??= { hidden: false, addEventListener() {}, removeEventListener() {} }

const endpoint = 'http://bench.invalid/api/run'

/** Each piece in its own task, as network reads arrive. */
function responseOf(pieces) {
  let next = 0
  // The client cancels the body once run_completed is in; a read already scheduled then stops.
  let cancelled = false
  const body = new ReadableStream({
    pull: (controller) =>
      new Promise((resolve) =>
        setImmediate(() => {
          if (cancelled) return resolve()
          if (next < pieces.length) controller.enqueue(pieces[next++])
          else controller.close()
          resolve()
        }),
      ),
    cancel: () => void (cancelled = true),
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
}

const startClock = () => ({ wall: performance.now(), cpu: process.cpuUsage() })
function stopClock(start) {
  const { user, system } = process.cpuUsage(start.cpu)
  return {
    wallMilliseconds: Math.round(performance.now() - start.wall),
    cpuMilliseconds: Math.round((user + system) / 1000),
  }
}

function longLineRun(lineBytes) {
  const content = 'x'.repeat(lineBytes)
  const events = [
    { type: 'run_started', run_id: 'r', task_id: 't' },
    { type: 'text_chunk', content },
    { type: 'run_completed', run_id: 'r', credits_used: 1, duration_ms: 1 },
  ]
  const text = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')
  return { bytes: new TextEncoder().encode(text), content }
}

async function libraryAlone(pieces) {
  const { fetchEventSource } = await import(
    requireFromClient.resolve('@microsoft/fetch-event-source')
  )
  let longest = 0
  const start = startClock()
  await fetchEventSource(endpoint, {
    openWhenHidden: true,
    fetch: async () => responseOf(pieces),
    onmessage: (message) => (longest = Math.max(longest, message.data.length)),
    onerror: (error) => {
      throw error
    },
  })
  return { ...stopClock(start), longest }
}

async function client(pieces, { createAgentClient }) {
  const agent = createAgentClient({ endpoint, fetch: async () => responseOf(pieces) })
  let longest = 0
  const start = startClock()
  await agent.forEachEvent({ query: 'bench' }, (event) => {
    if (event.type === 'text_chunk') longest = Math.max(longest, event.content.length)
  })
  return { ...stopClock(start), longest }
}

/** fetch-event-source alone and the client, on one 1 MB line in 64 KiB and in 7-byte reads. */
export async function runLongLine({ lineBytes = 1_000_000 } = {}) {
  if (!existsSync(clientDist)) return { available: false, reason: 'packages/client is not built' }
  const built = await import(clientDist.href)
  const { bytes, content } = longLineRun(lineBytes)
  const rows = []
  for (const readBytes of [64 * 1024, 7]) {
    const pieces = splitBytes(bytes, readBytes)
    for (const [name, run] of [
      ['fetch-event-source alone', libraryAlone],
      ['the client (whole lines)', client],
    ]) {
      const figures = await run(pieces, built)
      if (figures.longest < content.length) throw new Error(`${name} lost the long line`)
      rows.push({ name, readBytes, reads: pieces.length, ...figures })
    }
  }
  return { available: true, lineBytes: bytes.length, rows }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runLongLine(), null, 2))
}
