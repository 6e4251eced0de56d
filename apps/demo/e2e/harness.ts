/**
 * Serves the built demo on a free port through the demo's own /api middleware (the real proxy in
 * front of the mock agent), and records what the server sees: every POST, whether its connection
 * closed before the answer ended, and the body the proxy forwarded upstream.
 */
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright'
import { createDemoApi, type Middleware } from '../server/demo-api'
import { demoApi } from '../server/vite-plugin'
import { chromiumArgs, chromiumExecutable } from '../../../scripts/chromium.mjs'

export interface PostRecord {
  scenario: string | null
  /** The response was fully sent. */
  finished: boolean
  /** The client went away before the response ended (Stop, navigation). */
  closedEarly: boolean
}

export interface UpstreamRecord {
  body: { query?: string; task_id?: string; stream?: boolean }
  /** Aborted when the proxy cancels the upstream run. */
  signal: AbortSignal
}

export interface Demo {
  url: string
  posts: PostRecord[]
  upstream: UpstreamRecord[]
  browser: Browser
  /** A fresh browser context (empty storage) with a page on the demo. Default viewport 1280×900. */
  open(
    path?: string,
    viewport?: { width: number; height: number },
  ): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

const demoRoot = fileURLToPath(new URL('..', import.meta.url))

export interface DemoOptions {
  /** Mock agent pacing per event. Default 20. */
  chunkDelayMs?: number
  /** The demo server's AUTERYN_* environment. Default: none (the embedded mock agent). */
  env?: Record<string, string>
  /** `false`: a run route without resumable runs. Default: resumable. */
  runs?: false
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const posts: PostRecord[] = []
  const upstream: UpstreamRecord[] = []
  const api = createDemoApi({
    env: options.env ?? {},
    chunkDelayMs: options.chunkDelayMs ?? 20,
    runs: options.runs,
    observeUpstream: (upstreamFetch) => async (input, init) => {
      const request = new Request(input, init)
      const body = await request
        .clone()
        .json()
        .catch(() => ({}))
      upstream.push({ body, signal: request.signal })
      return upstreamFetch(request)
    },
  })
  const recording: Middleware = (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.method === 'POST' && url.pathname === '/api/run') {
      const record: PostRecord = {
        scenario: url.searchParams.get('scenario'),
        finished: false,
        closedEarly: false,
      }
      posts.push(record)
      response.on('finish', () => (record.finished = true))
      response.on('close', () => (record.closedEarly = !response.writableFinished))
    }
    api(request, response, next)
  }

  const server: PreviewServer = await preview({
    root: demoRoot,
    configFile: false,
    logLevel: 'silent',
    plugins: [demoApi({ load: async () => recording })],
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  const { port } = server.httpServer.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    args: [...chromiumArgs],
  })
  const contexts: BrowserContext[] = []

  return {
    url,
    posts,
    upstream,
    browser,
    async open(path = '/', viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport })
      contexts.push(context)
      // Fail with a locator's name rather than a bare test timeout.
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      await page.goto(url + path)
      return { context, page }
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()))
      await browser.close()
      await server.close()
    },
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
