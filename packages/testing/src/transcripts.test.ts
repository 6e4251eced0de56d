// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { replayFetch } from './replay'
import { readEvents } from '../test/test-helpers'
import { transcripts } from './transcripts'

const folder = new URL('./__fixtures__/', import.meta.url)

describe('recorded transcripts', () => {
  it('embeds every fixture file unchanged (run `pnpm generate` after editing one)', () => {
    const files = readdirSync(folder).filter((file) => file.endsWith('.sse'))
    const fromDisk = Object.fromEntries(
      files.map((file) => [file.slice(0, -4), readFileSync(new URL(file, folder), 'utf8')]),
    )
    expect(transcripts).toEqual(fromDisk)
  })

  it('replays a named transcript through fetch, keeping the event order', async () => {
    const fetchRun = replayFetch('tools', { chunkSize: 64 })
    const events = (await readEvents(await fetchRun('/api/run', { method: 'POST' }))) as Array<{
      type: string
    }>
    const types = [...new Set(events.map((event) => event.type))]
    expect(types).toEqual([
      'run_started',
      'text_chunk',
      'tool_call',
      'tool_result',
      'run_completed',
    ])
  })

  it('replays literal SSE text and refuses an aborted request', async () => {
    const fetchRun = replayFetch('data: {"type":"text_chunk","content":"hi"}\n\n')
    const events = await readEvents(await fetchRun('/api/run'))
    expect(events).toEqual([{ type: 'text_chunk', content: 'hi' }])
    await expect(fetchRun('/api/run', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})
