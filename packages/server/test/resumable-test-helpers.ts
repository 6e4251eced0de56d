import { createMockAgent, type MockAgentOptions } from '@auteryn/testing'
import { createRunHandler, type RunHandlerOptions } from '../src/create-run-handler'
import { toNodeHandler } from '../src/node-handler'
import { listen, type TestServer } from './test-servers'

export const apiKey = 'afk_live_resume_0123456789abcdef'
export const agentId = 'agent_resume'

/** One SSE block as a browser would split it. */
export interface ReadEvent {
  id?: number
  event?: string
  data: string
}

export function parseBlocks(text: string): ReadEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const read: ReadEvent = { data: '' }
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':')
        const value = rest.join(':').replace(/^ /, '')
        if (field === 'id') read.id = Number(value)
        else if (field === 'event') read.event = value
        else if (field === 'data') read.data = value
      }
      return read
    })
}

/** Starts servers on 127.0.0.1 and closes them all at the end of each test. */
export function createRig() {
  const servers: TestServer[] = []
  return {
    async agent(options: MockAgentOptions = {}) {
      const agent = createMockAgent({ apiKey, agentId, ...options })
      const server = await listen(toNodeHandler(agent))
      servers.push(server)
      return { agent, url: server.url }
    },
    async proxy(options: Partial<RunHandlerOptions> & { upstream: string }) {
      const handler = createRunHandler({ apiKey, agentId, ...options })
      const server = await listen(toNodeHandler(handler))
      servers.push(server)
      return server.url
    },
    close: () => Promise.all(servers.splice(0).map((server) => server.close())),
  }
}

export interface PostOptions {
  key?: string
  lastEventId?: number | string
  headers?: Record<string, string>
  body?: unknown
  signal?: AbortSignal
}

export function post(url: string, options: PostOptions = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  if (options.key !== undefined) headers['idempotency-key'] = options.key
  if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId)
  return fetch(`${url}/api/run`, {
    method: 'POST',
    headers,
    body: JSON.stringify(options.body ?? { query: 'open bugs?' }),
    signal: options.signal,
  })
}

export const stop = (url: string, key: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/run`, { method: 'DELETE', headers: { 'idempotency-key': key, ...headers } })

/** Reads a response until it has `count` events with ids, then drops the connection. */
export async function readThenDrop(response: Response, count: number, browser: AbortController) {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (parseBlocks(text).filter((event) => event.id !== undefined).length < count) {
    const read = await reader.read()
    if (read.done) break
    text += decoder.decode(read.value, { stream: true })
  }
  browser.abort()
  // Only whole events count: the rest of a half-read block never reached the app.
  const whole = text.slice(0, text.lastIndexOf('\n\n') + 2)
  return parseBlocks(whole)
}

/** Polls until `check` holds, or fails after `ms`: a hang becomes a failure with a message. */
export async function eventually(check: () => boolean, ms = 3000, what = 'condition') {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

let counter = 0
/** A fresh run key: 128 random bits, URL-safe, as the client mints them. */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `${btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '_')}${counter++}`
}
