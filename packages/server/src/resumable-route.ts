import type { Redactor } from './redact'
import { errorResponse } from './responses'
import { pumpRun } from './run-pump'
import { readRun, runNotFound } from './run-reader'
import type { RunRecord, RunStore } from './run-store'
import type { UpstreamCall } from './upstream'

/** At least 128 random bits from the client; the proxy checks only what keeps keys safe to store. */
export const isValidRunKey = (key: string) => /^[A-Za-z0-9_-]{1,128}$/.test(key)

export interface ResumableRouteOptions {
  store: RunStore
  call: UpstreamCall
  redactor: Redactor
  idleTimeoutMs: number
  graceMs: number
  retainMs: number
}

const storeFailed = () =>
  errorResponse(503, 'run_store_failed', 'The run store could not be reached; nothing was started.')

/** The kit's resumable-run protocol (PROTOCOL.md, "The kit's own route"): start, resume, stop. */
export function createResumableRoute(options: ResumableRouteOptions) {
  const { store, call, redactor, idleTimeoutMs, graceMs, retainMs } = options

  /** A known key of another identity is answered exactly as an unknown one. */
  async function lookup(key: string, scope: string): Promise<RunRecord | undefined | 'failed'> {
    try {
      const record = await store.lookup(key)
      return record?.scope === scope ? record : undefined
    } catch {
      return 'failed'
    }
  }

  return {
    /** A POST without `Last-Event-ID`: starts the run the first time, replays it every other time. */
    async start(
      request: Request,
      key: string,
      record: RunRecord,
      body: { text: string; stream: boolean },
      onRunStarted?: (ids: { runId: string; taskId: string }) => void,
    ): Promise<Response> {
      let claim: Awaited<ReturnType<RunStore['claim']>>
      try {
        claim = await store.claim(key, record)
      } catch {
        return storeFailed()
      }
      if (claim.status === 'full') {
        const message = 'The proxy is at its limit of live runs; try again shortly.'
        return errorResponse(503, 'too_many_runs', message, { 'retry-after': '5' })
      }
      if (claim.status === 'exists') {
        if (claim.record.scope !== record.scope) return runNotFound()
        if (claim.record.fingerprint !== record.fingerprint) {
          const message = 'This Idempotency-Key belongs to a run with another request body.'
          return errorResponse(422, 'idempotency_key_reused', message)
        }
      } else {
        // Not awaited: the run belongs to the store now, not to this request.
        const pumpOptions = { idleTimeoutMs, graceMs, retainMs, redactor, onRunStarted }
        void pumpRun(claim.run, call, body, pumpOptions).catch(() => {})
      }
      return readRun(store, key, 0, request)
    },

    /** A POST with `Last-Event-ID`: never starts anything. */
    async resume(request: Request, key: string, scope: string, lastEventId: number) {
      const found = await lookup(key, scope)
      if (found === 'failed') return storeFailed()
      if (found === undefined) return runNotFound()
      return readRun(store, key, lastEventId, request)
    },

    /** A DELETE: aborts the upstream at once, from any instance. */
    async stop(key: string, scope: string): Promise<Response> {
      const found = await lookup(key, scope)
      if (found === 'failed') return storeFailed()
      if (found === undefined) return runNotFound()
      try {
        await store.stop(key)
      } catch {
        return storeFailed()
      }
      return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } })
    },
  }
}
