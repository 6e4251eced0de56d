/**
 * Real servers for the end-to-end tests, each on 127.0.0.1 on a free port: the built app under
 * `next start`, and, for the tests that watch what the proxy forwards, a mock Auteryn API over
 * HTTP that the app reaches through AUTERYN_UPSTREAM.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { toNodeHandler } from '@auteryn/server'
import { createMockAgent } from '@auteryn/testing'

const appRoot = fileURLToPath(new URL('..', import.meta.url))
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')

export interface NextServer {
  url: string
  /** Everything the server printed, for a failing test's message. */
  output(): string
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Serves the build in `.next` with `next start`; `env` replaces any AUTERYN_* of this process. */
export async function startNext(env: Record<string, string> = {}): Promise<NextServer> {
  const port = await freePort()
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AUTERYN_')),
  )
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: appRoot,
      env: { ...inherited, ...env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let printed = ''
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk))
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk))
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`

  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${printed}`)
    if (Date.now() > deadline) {
      child.kill()
      throw new Error(`next start did not answer in 30 s:\n${printed}`)
    }
    const answered = await fetch(url).then(
      () => true,
      () => false,
    )
    if (answered) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  return {
    url,
    output: () => printed,
    async close() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      // Next waits for open responses on SIGTERM; a test that failed mid-stream leaves one.
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(forced)
    },
  }
}

export interface UpstreamRun {
  authorization: string | null
  body: { query?: string; task_id?: string; context?: { user_id?: string; user_name?: string } }
  /** The answer was sent to its end. */
  finished: boolean
  /** The proxy closed the connection before the answer ended (it stopped the run). */
  closedEarly: boolean
}

export interface MockUpstream {
  url: string
  apiKey: string
  agentId: string
  /** Every run the app's proxy started upstream, in order. */
  runs: UpstreamRun[]
  close(): Promise<void>
}

/**
 * The mock agent over HTTP, checking the key and agent id as the real API does. Events come
 * `chunkDelayMs` apart, those of the `slow` scenario `slowDelayMs` apart.
 */
export async function startMockUpstream({
  chunkDelayMs = 20,
  slowDelayMs = 50,
} = {}): Promise<MockUpstream> {
  const apiKey = 'afk_e2e_secret_key'
  const agentId = 'agent_e2e'
  const runs: UpstreamRun[] = []
  const agent = createMockAgent({ apiKey, agentId, chunkDelayMs, slowDelayMs })
  const server: Server = createServer((request, response) => {
    if (request.method !== 'POST') return toNodeHandler(agent.fetch)(request, response)
    const run: UpstreamRun = { authorization: null, body: {}, finished: false, closedEarly: false }
    runs.push(run)
    response.on('finish', () => (run.finished = true))
    response.on('close', () => (run.closedEarly = !response.writableFinished))
    toNodeHandler(async (forwarded) => {
      run.authorization = forwarded.headers.get('authorization')
      run.body = await forwarded
        .clone()
        .json()
        .catch(() => ({}))
      return agent.fetch(forwarded)
    })(request, response)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    agentId,
    runs,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Resolves once `check` holds, polling; fails with `message` after `timeoutMs`. */
export async function until(check: () => boolean, message: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${message}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
