// Child of bench/runs.mjs, run with --expose-gc: memory per live and per retained run of the
// memory run store, from 1,000 concurrent streams of 50 KB each. Prints one JSON line.
import { createMemoryRunStore, createRunHandler } from '../packages/server/dist/index.js'

const runs = 1000
const bytesPerRun = 50 * 1024
const encoder = new TextEncoder()
const chunk = `data: {"type":"text_chunk","content":"${'x'.repeat(64)}"}\n\n`
const chunksPerRun = Math.ceil(bytesPerRun / chunk.length)
const sse = { 'content-type': 'text/event-stream' }

let finish
const finished = new Promise((resolve) => (finish = resolve))
/** Each run streams 50 KB at once, then stays open (live) until `finish()`. */
const upstream = async () =>
  new Response(
    new ReadableStream({
      async start(controller) {
        controller.enqueue(
          encoder.encode('data: {"type":"run_started","run_id":"r","task_id":"t"}\n\n'),
        )
        for (let index = 0; index < chunksPerRun; index++) controller.enqueue(encoder.encode(chunk))
        await finished
        controller.enqueue(
          encoder.encode(
            'data: {"type":"run_completed","run_id":"r","credits_used":1,"duration_ms":1}\n\n',
          ),
        )
        controller.close()
      },
    }),
    { headers: sse },
  )

async function heap() {
  for (let index = 0; index < 3; index++) {
    globalThis.gc()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const { heapUsed, external, arrayBuffers } = process.memoryUsage()
  return heapUsed + external + arrayBuffers
}

const store = createMemoryRunStore({ maxLiveRuns: runs })
const handler = createRunHandler({
  apiKey: 'afk_bench_key_0123456789',
  agentId: 'agent_bench',
  fetch: upstream,
  runs: store,
  idleTimeoutMs: 0,
})
const request = (index) =>
  new Request('http://bench.test/api/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-run-${index}` },
    body: '{"query":"memory"}',
  })

/** Reads a run until it has `events` events, returning the reader to finish later. */
async function readEvents(response, events) {
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let seen = 0
  while (seen < events) {
    const { value, done } = await reader.read()
    if (done) break
    seen += decoder.decode(value).split('\n\n').length - 1
  }
  return reader
}

const before = await heap()
const responses = await Promise.all(
  Array.from({ length: runs }, (_, index) => handler(request(index))),
)
const readers = await Promise.all(
  responses.map((response) => readEvents(response, chunksPerRun + 1)),
)
const live = await heap()
finish()
await Promise.all(
  readers.map(async (reader) => {
    while (!(await reader.read()).done);
  }),
)
readers.length = 0
responses.length = 0
const retained = await heap()
console.log(
  JSON.stringify({
    runs,
    bytesPerRun: chunksPerRun * chunk.length,
    bytesPerLiveRun: Math.round((live - before) / runs),
    bytesPerRetainedRun: Math.round((retained - before) / runs),
  }),
)
