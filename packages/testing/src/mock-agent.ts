import { abortError, createPacedStream, type BodyPiece } from './paced-stream'
import { jsonResult } from './json-result'
import { errorResponse, isRejection, parseRunBody } from '@auteryn/client/wire'
import {
  isScenarioName,
  scenarioNames,
  scenarioScript,
  type ScenarioName,
  type Step,
} from './scenarios'
import { formatSse, sseHeaders } from './sse'

export interface MockAgentOptions {
  /** Scenario of every run. Default: `tools` (a text answer around a tool call). A query starting with `/scenario <name>` overrides it for that run. */
  scenario?: ScenarioName
  /** Pause before each SSE event, in milliseconds. Default 0 (as fast as the reader reads). */
  chunkDelayMs?: number
  /** Pause before each event of the `slow` scenario (at least `chunkDelayMs`). Default 150. */
  slowDelayMs?: number
  /** When set, requests must carry `Authorization: Bearer <apiKey>`, else 401. Default: no check. */
  apiKey?: string
  /** When set, requests must carry this `X-Agent-Id`, else 404. Default: no check. */
  agentId?: string
  /** Called with a copy of every request, before it is answered (count POSTs, inspect bodies). Default: none. */
  onRequest?: (request: Request) => void
  /** Reset the connection of every streamed run after this many events, as a network drop would. Default: never. */
  cutAfterEvents?: number
}

/** A fetch-shaped Auteryn API: call it with a `Request`, or pass it as a client's `fetch`. */
export interface MockAgent {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  /** The agent itself, typed as `fetch`. */
  fetch: typeof fetch
  /** How many POSTs (paid runs, on the real API) it has received. */
  readonly requests: number
  /** How many runs it started (streamed or JSON), not counting requests it refused. */
  readonly runsStarted: number
  /** How many streamed answers are still open (not finished, reset, aborted or cancelled). */
  readonly openStreams: number
  /** The queries a task has seen so far, oldest first (markers removed). */
  history(taskId: string): readonly string[]
}

const markerPattern = /^\s*\/scenario\s+(\S+)\s*/

export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** A step as the bytes of the stream (or the reset that cuts it). */
function toPiece(step: Step): BodyPiece {
  if ('raw' in step) return step.raw
  if ('reset' in step) return step
  return formatSse(['event' in step ? step.event : step.undocumented])
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Builds a web-standard Request without the caller's signal: a signal from another realm (jsdom's
 * AbortController in tests) makes Node's Request constructor throw, so the signal is kept apart.
 */
function toRequest(input: RequestInfo | URL, init?: RequestInit) {
  const isRequest = typeof input === 'object' && !(input instanceof URL)
  const signal = init?.signal ?? (isRequest ? input.signal : undefined)
  if (isRequest && init === undefined) return { request: input, signal }
  const here = globalThis.location?.href
  const base = here?.startsWith('http') ? here : 'http://localhost/'
  const target = isRequest ? input : new URL(String(input), base)
  return { request: new Request(target, { ...init, signal: undefined }), signal }
}

/** The first `count` events of a run, then a connection reset (a shorter run is left whole). */
function cut(steps: readonly Step[], count: number): Step[] {
  let events = 0
  const end = steps.findIndex(
    (step) => ('event' in step || 'undocumented' in step) && events++ === count,
  )
  return end === -1 ? [...steps] : [...steps.slice(0, end), { reset: true }]
}

export function createMockAgent(options: MockAgentOptions = {}): MockAgent {
  const {
    chunkDelayMs = 0,
    slowDelayMs = 150,
    apiKey,
    agentId,
    onRequest,
    cutAfterEvents,
  } = options
  const tasks = new Map<string, string[]>()
  let posts = 0
  let runsStarted = 0
  let openStreams = 0

  async function answer(request: Request, signal: AbortSignal | null | undefined) {
    if (signal?.aborted) throw abortError(signal)
    onRequest?.(request.clone())
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' })
    }
    posts++
    if (apiKey !== undefined && request.headers.get('authorization') !== `Bearer ${apiKey}`) {
      return errorResponse(401, 'invalid_api_key', 'The API key is missing or invalid.')
    }
    if (agentId !== undefined && request.headers.get('x-agent-id') !== agentId) {
      return errorResponse(404, 'agent_not_found', 'No agent with this X-Agent-Id.')
    }
    const body = parseRunBody(await request.json().catch(() => undefined), true)
    if (isRejection(body)) return errorResponse(body.status, body.code, body.message)
    const { query, task_id: taskIdSent, stream } = body
    const marker = markerPattern.exec(query)?.[1]
    if (marker !== undefined && !isScenarioName(marker)) {
      const known = scenarioNames.join(', ')
      return errorResponse(400, 'unknown_scenario', `Unknown scenario "${marker}". Try: ${known}.`)
    }
    const scenario = marker ?? options.scenario ?? 'tools'
    const text = query.replace(markerPattern, '') || scenario
    const taskId = taskIdSent ?? newId('task_')
    const history = tasks.get(taskId) ?? []
    const script = scenarioScript(scenario, { query: text, runId: newId('run_'), taskId, history })
    if (script.kind === 'http') return script.response()
    tasks.set(taskId, [...history, text])
    runsStarted++
    const delayMs = script.slow ? Math.max(chunkDelayMs, slowDelayMs) : chunkDelayMs
    const steps = cutAfterEvents === undefined ? script.steps : cut(script.steps, cutAfterEvents)
    if (stream === false) return answerJson(steps, delayMs, signal)
    const pieces = steps.map(toPiece)
    openStreams++
    const onClose = () => void openStreams--
    return new Response(createPacedStream(pieces, { delayMs, signal, onClose }), {
      headers: sseHeaders,
    })
  }

  async function answerJson(steps: readonly Step[], delayMs: number, signal?: AbortSignal | null) {
    if (delayMs > 0) await sleep(delayMs * Math.min(steps.length, 8), signal)
    const headers = { 'content-type': 'application/json' }
    if (steps.some((step) => 'reset' in step)) {
      const pieces: BodyPiece[] = ['{"run_id":', { reset: true }]
      return new Response(createPacedStream(pieces, { signal }), { headers })
    }
    const text = JSON.stringify(jsonResult(steps))
    // A broken event in the stream is a broken body in JSON mode.
    const broken = steps.some((step) => 'raw' in step && !step.raw.startsWith(':'))
    return new Response(broken ? text.slice(0, text.length >> 1) : text, { headers })
  }

  const agent = ((input: RequestInfo | URL, init?: RequestInit) => {
    try {
      const { request, signal } = toRequest(input, init)
      return answer(request, signal)
    } catch (error) {
      return Promise.reject(error)
    }
  }) as MockAgent
  Object.defineProperties(agent, {
    fetch: { value: agent },
    requests: { get: () => posts },
    runsStarted: { get: () => runsStarted },
    openStreams: { get: () => openStreams },
    history: { value: (taskId: string) => tasks.get(taskId) ?? [] },
  })
  return agent
}
