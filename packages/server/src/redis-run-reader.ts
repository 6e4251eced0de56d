import type { Redis } from 'ioredis'
import type { RunEndReason, RunEntry, RunHead } from './run-store'

/** Stream ids: the head marker, then events as `2-<event id>`, then the end marker. */
export const headId = '1-0'
export const eventId = (id: number) => `2-${id}`
export const endId = '3-0'

export interface RedisKeys {
  run: string
  log: string
  beat: string
  readers: string
}

type StreamReply = Array<[string, Array<[string, string[]]>]> | null

/**
 * Readers of run logs on Redis: each follows its log with blocking reads on a connection of its
 * own (kept for reuse when it ends cleanly), registers itself so the holder's grace period sees
 * it, and ends a log whose holder stopped beating as interrupted.
 */
export function createRedisReader(options: {
  client: Redis
  keys: (key: string) => RedisKeys
  heartbeatMs: number
}) {
  const { client, keys, heartbeatMs } = options
  const beatTtl = heartbeatMs * 3
  const idleReaders: Redis[] = []
  const takeReader = () => idleReaders.pop() ?? client.duplicate()

  async function* read(
    key: string,
    afterId: number,
    signal: AbortSignal,
  ): AsyncGenerator<RunEntry> {
    const names = keys(key)
    if ((await client.exists(names.run)) === 0) return
    const connection = takeReader()
    const stopReading = () => connection.disconnect()
    signal.addEventListener('abort', stopReading, { once: true })
    const reader = crypto.randomUUID()
    let registeredUntil = 0
    const register = async () => {
      if (Date.now() < registeredUntil - beatTtl) return
      registeredUntil = Date.now() + beatTtl * 2
      await client.zadd(names.readers, registeredUntil, reader)
    }
    /** Waits for entries after `cursor`, ending the log as interrupted if its holder is gone. */
    const next = async (cursor: string): Promise<Array<[string, string[]]> | 'orphaned'> => {
      await register()
      const reply = (await connection.xread(
        'COUNT',
        512,
        'BLOCK',
        heartbeatMs,
        'STREAMS',
        names.log,
        cursor,
      )) as StreamReply
      const entries = reply?.[0]?.[1] ?? []
      if (entries.length > 0) return entries
      if ((await client.exists(names.beat)) === 1) return []
      // The end may have landed just after the read: only a log still open is orphaned.
      const last = (await client.xread('STREAMS', names.log, cursor)) as StreamReply
      return last?.[0]?.[1] ?? 'orphaned'
    }
    let finished = false
    try {
      const [first] = (await client.xrange(names.log, eventId(0), '+', 'COUNT', 1)) as Array<
        [string, string[]]
      >
      if (first?.[0].startsWith('2-') && Number(first[0].slice(2)) > afterId + 1) {
        finished = true
        return yield { kind: 'truncated' }
      }
      let head = await client.hget(names.run, 'head')
      while (head === null) {
        const waited = await next('0-0')
        if (waited === 'orphaned') {
          finished = true
          return yield { kind: 'end', reason: 'upstream_closed' }
        }
        head = await client.hget(names.run, 'head')
      }
      yield { kind: 'head', head: JSON.parse(head) as RunHead }
      let cursor = eventId(afterId)
      for (let expected = afterId + 1; !signal.aborted;) {
        const entries = await next(cursor)
        if (entries === 'orphaned') {
          finished = true
          return yield { kind: 'end', reason: 'upstream_closed' }
        }
        for (const [id, fields] of entries) {
          cursor = id
          if (id === endId) {
            finished = true
            return yield { kind: 'end', reason: fields[1] as RunEndReason }
          }
          if (!id.startsWith('2-')) continue
          if (Number(id.slice(2)) !== expected) {
            finished = true
            return yield { kind: 'truncated' }
          }
          expected++
          yield { kind: 'event', id: Number(id.slice(2)), lines: fields[1]! }
        }
      }
    } catch (error) {
      // A reader that left closed its own connection: that is the end, not a failure.
      if (!signal.aborted) throw error
    } finally {
      signal.removeEventListener('abort', stopReading)
      client.zrem(names.readers, reader).catch(() => {})
      if (finished && !signal.aborted && idleReaders.length < 8) idleReaders.push(connection)
      else connection.disconnect()
    }
  }

  return {
    read,
    close() {
      for (const connection of idleReaders.splice(0)) connection.disconnect()
    },
  }
}
