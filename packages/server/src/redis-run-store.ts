import { Redis } from 'ioredis'
import type {
  ClaimResult,
  RunEndReason,
  RunHead,
  RunRecord,
  RunStore,
  RunWriter,
} from './run-store'

export interface RedisRunStoreOptions {
  /** Where Redis is, when no `client` is given. Default `redis://127.0.0.1:6379`. */
  url?: string
  /** An ioredis client to use; the store opens its own duplicates for blocking reads and stop messages. Default: a client for `url`. */
  client?: Redis
  /** Prefix of every key and channel the store uses. Default `auteryn:`. */
  prefix?: string
  /** Runs this instance holds (reads from upstream) at once, at most; a start past it gets 503 `too_many_runs`. Default 1000. */
  maxLiveRuns?: number
  /** Events kept per run (the stream's length cap); a resume that needs dropped ones gets 410 `run_log_truncated`. Default 100000. */
  maxEventsPerRun?: number
  /** How often the holding instance proves it is alive; readers elsewhere end a run as interrupted after three missed beats. Default 1000. */
  heartbeatMs?: number
  /** How long a live run's keys outlive its holder's last heartbeat, for late resumes to learn it was interrupted. Default 60000. */
  orphanTtlMs?: number
}

export interface RedisRunStore extends RunStore {
  /** Closes the connections the store opened (a `client` you passed stays open). */
  close(): Promise<void>
}

import { createRedisReader, endId, eventId, headId, type RedisKeys } from './redis-run-reader'

const claimScript = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HMGET', KEYS[1], 'scope', 'fingerprint')
end
redis.call('HSET', KEYS[1], 'scope', ARGV[1], 'fingerprint', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[4])
return false`

/**
 * Run logs on Redis Streams, shared by every instance of the app: any instance answers a resume
 * or a stop of a run another instance is reading from upstream.
 */
export function createRedisRunStore(options: RedisRunStoreOptions = {}): RedisRunStore {
  const {
    prefix = 'auteryn:',
    maxLiveRuns = 1000,
    maxEventsPerRun = 100_000,
    heartbeatMs = 1000,
    orphanTtlMs = 60_000,
  } = options
  const owned = options.client === undefined
  const client = options.client ?? new Redis(options.url ?? 'redis://127.0.0.1:6379')
  const keys = (key: string): RedisKeys => ({
    run: `${prefix}run:${key}`,
    log: `${prefix}log:${key}`,
    beat: `${prefix}beat:${key}`,
    readers: `${prefix}readers:${key}`,
  })
  const stopChannel = `${prefix}stop`
  const beatTtl = heartbeatMs * 3
  /** Runs this instance holds, with their stop listeners. */
  const held = new Map<string, Array<() => void>>()
  let subscriber: Redis | undefined
  let subscribed: Promise<unknown> | undefined
  let beating: ReturnType<typeof setInterval> | undefined

  function listenForStops() {
    subscriber ??= client.duplicate()
    subscriber.on('message', (_channel: string, key: string) => {
      for (const listener of held.get(key)?.splice(0) ?? []) listener()
    })
    return (subscribed ??= subscriber.subscribe(stopChannel))
  }

  function beat() {
    if (held.size === 0) return
    const pipeline = client.pipeline()
    for (const key of held.keys()) {
      const names = keys(key)
      pipeline.set(names.beat, '1', 'PX', beatTtl)
      pipeline.pexpire(names.run, orphanTtlMs)
      pipeline.pexpire(names.log, orphanTtlMs)
    }
    pipeline.exec().catch(() => {})
  }

  function writer(key: string): RunWriter {
    const names = keys(key)
    let lastId = 0
    return {
      async setHead(head: RunHead) {
        await client
          .multi()
          .hset(names.run, 'head', JSON.stringify(head))
          .xadd(names.log, headId, 'h', '1')
          .exec()
      },
      async append(lines) {
        if (lines.length === 0) return
        const pipeline = client.pipeline()
        for (const text of lines) {
          pipeline.xadd(names.log, 'MAXLEN', '~', maxEventsPerRun, eventId(++lastId), 'd', text)
        }
        await pipeline.exec()
      },
      async end(reason: RunEndReason, retainMs: number) {
        held.delete(key)
        if (held.size === 0) {
          clearInterval(beating)
          beating = undefined
        }
        await client
          .multi()
          .hset(names.run, 'end', reason)
          .xadd(names.log, endId, 'e', reason)
          .pexpire(names.run, retainMs)
          .pexpire(names.log, retainMs)
          .del(names.beat)
          .exec()
      },
      async hasReaders() {
        return (await client.zcount(names.readers, Date.now(), '+inf')) > 0
      },
      onStop(listener) {
        held.get(key)?.push(listener)
      },
    }
  }

  const read = createRedisReader({ client, keys, heartbeatMs })

  return {
    async claim(key: string, record: RunRecord): Promise<ClaimResult> {
      if (held.size >= maxLiveRuns) return { status: 'full' }
      await listenForStops()
      const names = keys(key)
      const existing = (await client.eval(
        claimScript,
        2,
        names.run,
        names.beat,
        record.scope,
        record.fingerprint,
        orphanTtlMs,
        beatTtl,
      )) as [string | null, string | null] | null
      if (existing !== null) {
        return {
          status: 'exists',
          record: { scope: existing[0] ?? '', fingerprint: existing[1] ?? '' },
        }
      }
      held.set(key, [])
      beating ??= setInterval(beat, heartbeatMs)
      ;(beating as { unref?: () => void }).unref?.()
      return { status: 'claimed', run: writer(key) }
    },
    async lookup(key) {
      const [scope, fingerprint] = await client.hmget(keys(key).run, 'scope', 'fingerprint')
      return scope === null || scope === undefined
        ? undefined
        : { scope, fingerprint: fingerprint ?? '' }
    },
    read: read.read,
    async stop(key) {
      if ((await client.exists(keys(key).run)) === 0) return false
      await client.publish(stopChannel, key)
      return true
    },
    async close() {
      clearInterval(beating)
      beating = undefined
      read.close()
      subscriber?.disconnect()
      if (owned) client.disconnect()
    },
  }
}
