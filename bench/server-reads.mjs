// Large answers arriving in small reads, through the built `@auteryn/server` in process: each
// path must cost time linear in the bytes, whatever the read size.
// Usage: pnpm build && node bench/server-reads.mjs
import { pathToFileURL } from 'node:url'
import { createMemoryRunStore, createRunHandler } from '../packages/server/dist/index.js'

const apiKey = 'afk_bench_key_0123456789'
const encoder = new TextEncoder()

/** Every piece handed over as soon as the handler reads: only the handler's own work is timed. */
function upstreamOf(pieces, contentType) {
  let next = 0
  const body = new ReadableStream({
    pull(controller) {
      if (next < pieces.length) controller.enqueue(pieces[next++])
      else controller.close()
    },
  })
  return new Response(body, { headers: { 'content-type': contentType } })
}

function split(bytes, readBytes) {
  const pieces = []
  for (let offset = 0; offset < bytes.length; offset += readBytes) {
    pieces.push(bytes.subarray(offset, offset + readBytes))
  }
  return pieces
}

async function timeThroughHandler({ pieces, contentType, resumable }) {
  const handler = createRunHandler({
    apiKey,
    agentId: 'agent_bench',
    runs: resumable ? createMemoryRunStore() : false,
    idleTimeoutMs: 0,
    fetch: async () => upstreamOf(pieces, contentType),
  })
  const headers = { 'content-type': 'application/json' }
  if (resumable) headers['idempotency-key'] = `reads-${Math.random().toString(36).slice(2)}`
  const wall = performance.now()
  const cpu = process.cpuUsage()
  const response = await handler(
    new Request('http://bench.test/api/run', { method: 'POST', headers, body: '{"query":"x"}' }),
  )
  const text = await response.text()
  const { user, system } = process.cpuUsage(cpu)
  return {
    text,
    wallMilliseconds: Math.round(performance.now() - wall),
    cpuMilliseconds: Math.round((user + system) / 1000),
  }
}

const textChunk = (content) => `data: ${JSON.stringify({ type: 'text_chunk', content })}\n\n`

/** The cases: what arrives, in which reads, and what the browser must get. */
function cases() {
  const longContent = 'x'.repeat(1_000_000)
  const longEvent = encoder.encode(textChunk(longContent))
  const wholeAnswer = JSON.stringify({ status: 'completed', answer: 'y'.repeat(2_000_000) })
  // Text that ends with the key's first character may be the start of a split key: held.
  const keyStarts = encoder.encode(Array.from({ length: 100_000 }, () => textChunk('a')).join(''))
  return [
    {
      name: 'one 1 MB event, 64-byte reads (event splitter)',
      pieces: split(longEvent, 64),
      contentType: 'text/event-stream',
      resumable: false,
      check: (text) => text.includes(longContent),
    },
    {
      name: 'a 2 MB JSON answer, 1 KiB reads (resumable run)',
      pieces: split(encoder.encode(wholeAnswer), 1024),
      contentType: 'application/json',
      resumable: true,
      check: (text) => text === wholeAnswer,
    },
    {
      name: "100,000 text chunks of 'a', one read (split-key guard)",
      pieces: [keyStarts],
      contentType: 'text/event-stream',
      resumable: false,
      check: (text) => text.split('"content":"a"').length === 100_001,
    },
  ]
}

export async function runServerReads() {
  const rows = []
  for (const { name, pieces, contentType, resumable, check } of cases()) {
    const { text, ...figures } = await timeThroughHandler({ pieces, contentType, resumable })
    if (!check(text)) throw new Error(`${name}: the answer did not arrive whole`)
    rows.push({ name, reads: pieces.length, ...figures })
  }
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await runServerReads()) {
    console.log(
      `${row.name}: ${row.reads} reads, ${row.cpuMilliseconds} ms CPU, ${row.wallMilliseconds} ms wall`,
    )
  }
}
