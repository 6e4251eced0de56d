import { errorResponse as wireErrorResponse } from '@auteryn/client/wire'
import {
  isRejection,
  mergeContext,
  parseRunBodyText,
  readBodyText,
  type RunContextWire,
} from './run-body'
import { createRedactor } from './redact'

export interface RunHandlerOptions {
  /** The secret `afk_…` account key, added server-side. Required (without it every request gets a 500); never logged or echoed. */
  apiKey: string
  /** The agent to run, sent as `X-Agent-Id`. Required (without it every request gets a 500). */
  agentId: string
  /** Base URL of the Auteryn API. Default `https://api.auteryn.ai`. */
  upstream?: string
  /** The fetch used to reach the upstream (e.g. a mock agent). Default: the global `fetch`. */
  fetch?: typeof fetch
  /**
   * Fills `context.user_id` / `user_name` (and metadata) from the app's own session. Return a
   * `Response` (e.g. 401) to refuse the request. Default: none, so the run carries no identity.
   */
  resolveContext?: (
    request: Request,
  ) => RunContextWire | undefined | Response | Promise<RunContextWire | undefined | Response>
  /** Forward a browser-sent `user_id` / `user_name`. Default `false`: a browser cannot claim an identity. */
  trustClientIdentity?: boolean
  /** Largest accepted request body, in bytes. Default 32 KiB. */
  maxBodyBytes?: number
  /** Give up when the upstream sends nothing for this long (504 before headers, a cut stream after). Default 120000; 0 disables. */
  idleTimeoutMs?: number
}

export const defaultUpstream = 'https://api.auteryn.ai'

const errorResponse = (status: number, code: string, message: string, headers = {}) =>
  wireErrorResponse(status, code, message, { 'cache-control': 'no-store', ...headers })

function isJsonContentType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)
}

/**
 * A web-standard handler for `POST /api/run` that holds the key: it validates the browser's
 * request, forwards a clean copy with the key and agent id, and streams the answer straight back.
 */
export function createRunHandler(
  options: RunHandlerOptions,
): (request: Request) => Promise<Response> {
  const { apiKey, agentId, resolveContext, trustClientIdentity = false } = options
  // Not a throw: frameworks evaluate route modules at build time, often without the secrets.
  const misconfigured =
    typeof apiKey !== 'string' || apiKey === ''
      ? '`apiKey`'
      : typeof agentId !== 'string' || agentId === ''
        ? '`agentId`'
        : undefined
  const { maxBodyBytes = 32 * 1024, idleTimeoutMs = 120_000 } = options
  const endpoint = `${(options.upstream ?? defaultUpstream).replace(/\/+$/, '')}/api/run`
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))

  async function handle(request: Request): Promise<Response> {
    if (misconfigured !== undefined) {
      const message = `The run proxy is missing ${misconfigured} (check the server's environment).`
      return errorResponse(500, 'proxy_misconfigured', message)
    }
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' })
    }
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return errorResponse(415, 'unsupported_media_type', 'Send the body as application/json.')
    }
    const text = await readBodyText(request, maxBodyBytes)
    const parsed = typeof text === 'string' ? parseRunBodyText(text, trustClientIdentity) : text
    if (isRejection(parsed)) return errorResponse(parsed.status, parsed.code, parsed.message)

    let resolved: RunContextWire | Response | undefined
    try {
      resolved = await resolveContext?.(request)
    } catch {
      return errorResponse(500, 'context_failed', 'Could not resolve the run context.')
    }
    if (resolved instanceof Response) return resolved
    const body = mergeContext(parsed, resolved)

    const upstream = new AbortController()
    // An abandoned run keeps costing credits: the browser leaving stops the upstream request.
    const onClientGone = () => upstream.abort()
    request.signal.addEventListener('abort', onClientGone, { once: true })
    let timedOut = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const stopTimer = () => clearTimeout(timer)
    const armTimer = () => {
      stopTimer()
      if (idleTimeoutMs > 0) {
        timer = setTimeout(() => {
          timedOut = true
          upstream.abort()
        }, idleTimeoutMs)
      }
    }
    const release = () => {
      stopTimer()
      request.signal.removeEventListener('abort', onClientGone)
    }

    armTimer()
    let response: Response
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'x-agent-id': agentId,
          'content-type': 'application/json',
          accept: body.stream ? 'text/event-stream' : 'application/json',
        },
        body: JSON.stringify(body),
        signal: upstream.signal,
      })
    } catch {
      release()
      if (timedOut)
        return errorResponse(504, 'upstream_timeout', 'The agent did not answer in time.')
      if (request.signal.aborted) return new Response(null, { status: 499 })
      return errorResponse(502, 'upstream_unreachable', 'Could not reach the agent service.')
    }

    const headers = new Headers({ 'cache-control': 'no-store' })
    const contentType = response.headers.get('content-type')
    const retryAfter = response.headers.get('retry-after')
    if (contentType !== null) headers.set('content-type', contentType)
    if (retryAfter !== null) headers.set('retry-after', retryAfter)
    if (contentType?.toLowerCase().startsWith('text/event-stream')) {
      headers.set('cache-control', 'no-cache, no-transform')
      headers.set('x-accel-buffering', 'no')
    }
    if (response.body === null) {
      release()
      return new Response(null, { status: response.status, headers })
    }

    const reader = response.body.getReader()
    const redactor = createRedactor(apiKey)
    armTimer()
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const read = await reader.read()
          if (read.done) {
            release()
            const rest = redactor.flush()
            if (rest.byteLength > 0) controller.enqueue(rest)
            controller.close()
            return
          }
          armTimer()
          controller.enqueue(redactor.push(read.value))
        } catch {
          release()
          // Erroring (not closing) the body makes the browser see a cut stream, not a finished run.
          controller.error(new Error(timedOut ? 'upstream idle timeout' : 'upstream stream failed'))
        }
      },
      cancel() {
        release()
        upstream.abort()
        return reader.cancel().catch(() => {})
      },
    })
    return new Response(stream, { status: response.status, headers })
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
