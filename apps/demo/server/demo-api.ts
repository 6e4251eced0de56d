/**
 * The demo's server side: mounts the kit's key-holding proxy at /api/run. By default the proxy's
 * upstream is the embedded mock agent, so the demo needs no key and no account; with
 * AUTERYN_UPSTREAM it talks to a real Auteryn-compatible API. The key never reaches the browser.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createMemoryRunStore, createRunHandler, toNodeHandler } from '@auteryn/server'
import {
  scenarioNames,
  upstreamFromEnvironment,
  type EnvironmentUpstream,
  type ScenarioName,
} from '@auteryn/testing'

export type NextFunction = (error?: unknown) => void
export type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: NextFunction,
) => void

export interface DemoApiOptions {
  /** Where AUTERYN_UPSTREAM, AUTERYN_API_KEY and AUTERYN_AGENT_ID are read. Default: `process.env`. */
  env?: Record<string, string | undefined>
  /** Mock agent pacing, per token: slow enough to watch the answer stream in. Default: 25. */
  chunkDelayMs?: number
  /** `false` serves the run route without resumable runs, as `createRunHandler({ runs: false })`. Default: resumable. */
  runs?: false
  /** Wraps the proxy's upstream fetch, e.g. to observe the forwarded requests. Default: none. */
  observeUpstream?: (upstreamFetch: typeof fetch) => typeof fetch
}

/** What the browser may know about the server: whether the mock (and its scenarios) is in use. */
export interface DemoConfig {
  mode: 'mock' | 'upstream'
  scenarios: string[]
}

/**
 * The demo's own scenario: the `tools` answer, with the browser's connection cut at the proxy
 * after a few events, as a flaky network would. Re-attachments are served whole, so a client
 * that resumes gets the rest; one that cannot resume ends interrupted.
 */
export const dropConnection = 'drop-connection'
const dropAfterEvents = 6
type DemoScenario = ScenarioName | typeof dropConnection

export const runPath = '/api/run'
export const configPath = '/api/demo-config'

export function createDemoApi(options: DemoApiOptions = {}): Middleware {
  const env = options.env ?? process.env
  const observe = options.observeUpstream ?? ((upstreamFetch: typeof fetch) => upstreamFetch)
  const chunkDelayMs = options.chunkDelayMs ?? 25
  // One run store for every scenario's proxy: a re-attachment or a stop finds its run whichever
  // endpoint the page has when it sends it (a reloaded page learns its scenario a moment later).
  const runs = options.runs === false ? false : createMemoryRunStore()
  const proxyTo = (upstream: EnvironmentUpstream) =>
    toNodeHandler(createRunHandler({ ...upstream, fetch: observe(upstream.fetch), runs }))
  // Read once at start-up, so a misconfiguration (say, a missing key) throws here.
  const configured = upstreamFromEnvironment(env, { chunkDelayMs })

  if (!configured.mock) {
    const run = proxyTo(configured)
    return route({ mode: 'upstream', scenarios: [] }, () => run)
  }

  // One mock (and proxy) per scenario, kept for the server's life: the mock remembers each task's
  // earlier questions, so a continued conversation can refer back to them.
  const handlers = new Map<string, Middleware>([['', proxyTo(configured)]])
  const handlerFor = (scenario: DemoScenario | undefined): Middleware => {
    if (scenario === dropConnection) return cutOnce(handlerFor('tools'))
    const key = scenario ?? ''
    let handler = handlers.get(key)
    if (!handler) {
      handler = proxyTo(upstreamFromEnvironment(env, { scenario, chunkDelayMs }))
      handlers.set(key, handler)
    }
    return handler
  }

  return route({ mode: 'mock', scenarios: [...scenarioNames, dropConnection] }, (url, response) => {
    const scenario = url.searchParams.get('scenario') ?? undefined
    if (scenario !== undefined && !isScenario(scenario)) {
      sendJson(response, 400, {
        error: { code: 'unknown_scenario', message: `Unknown scenario "${scenario}".` },
      })
      return undefined
    }
    return handlerFor(scenario)
  })
}

function isScenario(name: string): name is DemoScenario {
  return name === dropConnection || (scenarioNames as readonly string[]).includes(name)
}

function cutOnce(handler: Middleware): Middleware {
  return (request, response, next) => {
    if (request.method === 'POST' && request.headers['last-event-id'] === undefined) {
      let events = 0
      const write = response.write.bind(response) as (chunk: unknown) => boolean
      response.write = ((chunk: unknown) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()
        // Numbered events on a resumable route, bare ones otherwise.
        events += (text.match(/^data:/gm) ?? []).length
        if (events <= dropAfterEvents) return write(chunk)
        response.destroy()
        return false
      }) as typeof response.write
    }
    handler(request, response, next)
  }
}

function route(
  config: DemoConfig,
  handlerFor: (url: URL, response: ServerResponse) => Middleware | undefined,
): Middleware {
  return (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === configPath && request.method === 'GET') {
      sendJson(response, 200, config)
      return
    }
    if (url.pathname !== runPath) {
      next()
      return
    }
    try {
      handlerFor(url, response)?.(request, response, next)
    } catch (error) {
      next(error)
    }
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status
  response.setHeader('Content-Type', 'application/json')
  response.setHeader('Cache-Control', 'no-store')
  response.end(JSON.stringify(body))
}
