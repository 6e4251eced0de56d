// Where the ingest time goes: V8's sampling profiler over one run of the real path.
// Usage: node bench/profile-ingest.mjs [--tiny] [--none|--event|--hook]   (after `pnpm build`)
import { Session } from 'node:inspector/promises'
import { clientOnce, hookOnce, loadClient } from './ingest.mjs'
import { createRunEvents, splitBytes, toPayloads, toSseText } from './shared/payload.mjs'

/** Self time per function on the real path, top `limit`, as percentages of samples. */
export async function profileIngest({ chunks = 100_000, size = 64 * 1024, mode, limit = 12 }) {
  const loaded = await loadClient()
  if (loaded.missing) throw new Error(loaded.missing)
  const once = () =>
    mode === 'hook'
      ? hookOnce(loaded, pieces, events)
      : clientOnce(loaded, pieces, events, { reader: 'forEachEvent', dispatch: mode === 'event' })
  const events = createRunEvents({ chunks, toolEvery: 1000 })
  const pieces = splitBytes(new TextEncoder().encode(toSseText(toPayloads(events))), size)
  await once()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  // The default 1 ms interval gives a run of 100 ms too few samples to tell anything apart.
  await session.post('Profiler.setSamplingInterval', { interval: 50 })
  await session.post('Profiler.start')
  await once()
  const { profile } = await session.post('Profiler.stop')
  session.disconnect()
  return summariseProfile(profile, limit)
}

// Samples are counted, not their time deltas: the one sample that spans the profiler's own
// start-up would otherwise outweigh everything else.
function summariseProfile(profile, limit) {
  const samples = new Map()
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  for (const id of profile.samples) {
    const frame = byId.get(id).callFrame
    if (frame.url.startsWith('node:inspector')) continue
    const file = frame.url.split('/').slice(-3).join('/')
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    samples.set(key, (samples.get(key) ?? 0) + 1)
  }
  const total = [...samples.values()].reduce((sum, value) => sum + value, 0)
  return [...samples]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, count]) => ({ where, percent: Math.round((count / total) * 1000) / 10 }))
}

const size = process.argv.includes('--tiny') ? 7 : 64 * 1024
const mode = ['none', 'event', 'hook'].find((name) => process.argv.includes(`--${name}`))
// 7-byte reads are slow: a fifth of the events says the same about where the time goes.
const rows = await profileIngest({
  size,
  mode: mode ?? 'hook',
  chunks: size === 7 ? 20_000 : 100_000,
})
for (const { percent, where } of rows) console.log(`${String(percent).padStart(5)}%  ${where}`)
