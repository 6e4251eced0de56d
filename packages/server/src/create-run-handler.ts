import { createMemoryRunStore } from './memory-run-store'
import { passThrough } from './passthrough'
import { createRedactor } from './redact'
import { errorResponse, isJsonContentType } from './responses'
import { createResumableRoute, isValidRunKey } from './resumable-route'
import {
  isRejection,
  mergeContext,
  parseRunBody,
  readBodyText,
  serialiseBody,
  type RunBodyWire,
  type RunContextWire,
} from './run-body'
import type { RunHandlerOptions } from './run-handler-options'

export type { RunHandlerOptions, RunRequestDetails } from './run-handler-options'

export const defaultUpstream = 'https://api.auteryn.ai'

const rejection = ({ status, code, message }: { status: number; code: string; message: string }) =>
  errorResponse(status, code, message)

/**
 * A web-standard handler for `POST /api/run` (and `DELETE`, to stop a resumable run) that holds
 * the key: it validates the browser's request, forwards a clean copy with the key and agent id,
 * and streams the answer back, keeping each run's events so a dropped browser can resume.
 */
export function createRunHandler(
  options: RunHandlerOptions,
): (request: Request) => Promise<Response> {
  const { apiKey, agentId, resolveContext, authorizeTask, trustClientIdentity = false } = options
  // Not a throw: frameworks evaluate route modules at build time, often without the secrets.
  const misconfigured =
    typeof apiKey !== 'string' || apiKey === ''
      ? '`apiKey`'
      : typeof agentId !== 'string' || agentId === ''
        ? '`agentId`'
        : undefined
  const { maxBodyBytes = 32 * 1024, bodyTimeoutMs = 10_000, idleTimeoutMs = 120_000 } = options
  const { maxBufferBytes = 1024 * 1024, graceMs = 30_000, retainMs = 300_000 } = options
  const store = options.runs === undefined ? createMemoryRunStore() : options.runs
  const allowed = store === false ? 'POST' : 'POST, DELETE'
  const endpoint = `${(options.upstream ?? defaultUpstream).replace(/\/+$/, '')}/api/run`
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))
  const call = { send, endpoint, apiKey, agentId }
  const redactor = createRedactor(misconfigured === undefined ? apiKey : 'unset')
  const route =
    store === false
      ? undefined
      : createResumableRoute({ store, call, redactor, idleTimeoutMs, graceMs, retainMs })

  async function askContext(
    request: Request,
    body: RunBodyWire | undefined,
  ): Promise<{ context: RunContextWire | undefined } | Response> {
    try {
      const resolved = await resolveContext?.(request, { body })
      return resolved instanceof Response ? resolved : { context: resolved }
    } catch {
      return errorResponse(500, 'context_failed', 'Could not resolve the run context.')
    }
  }

  async function mayContinue(request: Request, taskId: string, context?: RunContextWire) {
    try {
      const allowed = await authorizeTask?.({ taskId, context, request })
      if (allowed instanceof Response) return allowed
      if (allowed === false) {
        return errorResponse(404, 'task_not_found', 'No conversation with this task_id.')
      }
      return undefined
    } catch {
      return errorResponse(500, 'authorize_failed', 'Could not check the conversation’s owner.')
    }
  }

  async function handle(request: Request): Promise<Response> {
    if (misconfigured !== undefined) {
      const message = `The run proxy is missing ${misconfigured} (check the server's environment).`
      return errorResponse(500, 'proxy_misconfigured', message)
    }
    const { method } = request
    if (method !== 'POST' && !(method === 'DELETE' && route !== undefined)) {
      return errorResponse(405, 'method_not_allowed', `Use ${allowed}.`, { allow: allowed })
    }
    const key = request.headers.get('idempotency-key')
    const lastEventId = request.headers.get('last-event-id')
    if (route !== undefined && (key !== null || method === 'DELETE' || lastEventId !== null)) {
      if (key === null || !isValidRunKey(key)) {
        const message = 'Idempotency-Key must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -.'
        return errorResponse(400, 'invalid_idempotency_key', message)
      }
      if (method === 'DELETE' || lastEventId !== null) {
        // A resume or a stop starts nothing, so it needs no body: only who is asking.
        await request.body?.cancel().catch(() => {})
        const asked = await askContext(request, undefined)
        if (asked instanceof Response) return asked
        const scope = asked.context?.user_id ?? ''
        if (method === 'DELETE') return route.stop(key, scope)
        if (!/^\d{1,15}$/.test(lastEventId!)) {
          const message = 'Last-Event-ID must be the id of the last event received, or 0.'
          return errorResponse(400, 'invalid_last_event_id', message)
        }
        return route.resume(request, key, scope, Number(lastEventId))
      }
    }

    if (!isJsonContentType(request.headers.get('content-type'))) {
      return errorResponse(415, 'unsupported_media_type', 'Send the body as application/json.')
    }
    const text = await readBodyText(request, maxBodyBytes, bodyTimeoutMs)
    const parsed = typeof text === 'string' ? parseRunBody(text, trustClientIdentity) : text
    if (isRejection(parsed)) return rejection(parsed)
    const asked = await askContext(request, parsed)
    if (asked instanceof Response) return asked
    const { context } = asked
    if (parsed.task_id !== undefined) {
      const refused = await mayContinue(request, parsed.task_id, context)
      if (refused !== undefined) return refused
    }
    const merged = mergeContext(parsed, context)
    const serialised = serialiseBody(merged)
    if (isRejection(serialised)) return rejection(serialised)
    const body = { text: serialised, stream: merged.stream }
    const onRunStarted =
      options.onRunStarted &&
      ((ids: { runId: string; taskId: string }) => {
        Promise.resolve()
          .then(() => options.onRunStarted?.({ ...ids, context, request }))
          .catch(() => {})
      })

    if (route === undefined || key === null) {
      return passThrough(request, call, body, {
        idleTimeoutMs,
        maxBufferBytes,
        redactor,
        onRunStarted,
      })
    }
    const record = { scope: context?.user_id ?? '', fingerprint: JSON.stringify(parsed) }
    return route.start(request, key, record, body, onRunStarted)
  }

  return async function handleRun(request: Request): Promise<Response> {
    try {
      return await handle(request)
    } catch {
      // Never a blank page or an unhandled rejection, and never a message that might carry the key.
      return errorResponse(500, 'proxy_failed', 'The run proxy failed.')
    }
  }
}
