// The resumable-run store's costs: memory per run (a child process with --expose-gc), and the
// latency it adds per event on the streaming path, memory and Redis against `runs: false`.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createRunHandler } from '../packages/server/dist/index.js'
import { startRedis } from '../scripts/redis-server.mjs'
import { runServerReads } from './server-reads.mjs'

const encoder = new TextEncoder()

function runMemory() {
  const script = fileURLToPath(new URL('./runs-memory.mjs', import.meta.url))
  const output = execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8' })
  return JSON.parse(output.trim().split('\n').at(-1))
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

/**
 * One event at a time: the upstream sends it, the time until the reader of the handler's
 * response has it is recorded, then the next. In process, so only the handler's path is timed.
 */
async function eventLatency(runs, events = 3000, warmUp = 300) {
  let upstream
  const handler = createRunHandler({
    apiKey: 'afk_bench_key_0123456789',
    agentId: 'agent_bench',
    runs,
    idleTimeoutMs: 0,
    fetch: async () =>
      new Response(new ReadableStream({ start: (controller) => void (upstream = controller) }), {
        headers: { 'content-type': 'text/event-stream' },
      }),
  })
  const headers = { 'content-type': 'application/json' }
  if (runs !== false) headers['idempotency-key'] = `latency-${Math.random().toString(36).slice(2)}`
  const response = await handler(
    new Request('http://bench.test/api/run', { method: 'POST', headers, body: '{"query":"x"}' }),
  )
  const reader = response.body.getReader()
  const times = []
  for (let index = 0; index < events + warmUp; index++) {
    const started = performance.now()
    upstream.enqueue(encoder.encode(`data: {"type":"text_chunk","content":"${index}"}\n\n`))
    await reader.read()
    if (index >= warmUp) times.push((performance.now() - started) * 1000)
  }
  upstream.close()
  await reader.cancel()
  times.sort((a, b) => a - b)
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99) }
}

export async function runRuns() {
  const memory = runMemory()
  const { createMemoryRunStore } = await import('../packages/server/dist/index.js')
  const latency = {
    none: await eventLatency(false),
    memory: await eventLatency(createMemoryRunStore()),
  }
  let redis
  try {
    redis = await startRedis()
    const { createRedisRunStore } = await import('../packages/server/dist/redis.js')
    const store = createRedisRunStore({ url: redis.url })
    latency.redis = await eventLatency(store)
    await store.close()
  } catch (error) {
    latency.redis = { unavailable: String(error.message ?? error) }
  } finally {
    await redis?.stop()
  }
  // Alternate a second round, so a busy moment of the machine does not land on one mode alone.
  latency.none = better(latency.none, await eventLatency(false))
  latency.memory = better(latency.memory, await eventLatency(createMemoryRunStore()))
  return { memory, latency, reads: await runServerReads() }
}

const better = (one, other) => (other.median < one.median ? other : one)
