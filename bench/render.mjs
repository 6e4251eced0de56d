// Render and scaling, in headless Chromium: builds the bench page with Vite, serves it, and runs
// each scenario in a fresh browser context through Playwright.
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromium } from 'playwright'
import { serveDirectory } from './static-server.mjs'
import { chromiumArgs, chromiumExecutable } from '../scripts/chromium.mjs'

const pageConfig = fileURLToPath(new URL('./page/vite.config.ts', import.meta.url))
const pageOutput = fileURLToPath(new URL('./.build/page', import.meta.url))

// Exact heap figures for performance.memory, on top of the usual flags.
const benchArgs = [...chromiumArgs, '--enable-precise-memory-info']

// The naive baseline renders a few dozen chunks a second: it stops after 15 s, and its figures
// are per 1,000 chunks it did render.
const kit = {
  pipeline: 'kit',
  earlierMessages: 500,
  chunks: 10_000,
  leadBytes: 0,
  capMilliseconds: 120_000,
}
const naive = { ...kit, pipeline: 'naive', capMilliseconds: 15_000 }
const agentChat = { ...kit, pipeline: 'agent-chat' }
const floor = { ...kit, pipeline: 'floor' }
const plainText = { ...kit, pipeline: 'plain-text' }

/**
 * The render runs, flat out and at 1,000 chunks per second: the floor (the same stream read by
 * the same hook, the answer rendered once at the end), plain text written by hand once a frame
 * (what the browser charges to show text at all), the hook with `<ChatThread>`, the whole
 * `<AgentChat>`, and the naive baseline.
 */
export const renderScenarios = [
  { name: 'floor, as fast as possible', ...floor, rate: 0 },
  { name: 'floor, 1,000 chunks/s', ...floor, rate: 1000 },
  { name: 'plain text by hand, 1,000 chunks/s', ...plainText, rate: 1000 },
  { name: 'kit, as fast as possible', ...kit, rate: 0 },
  { name: 'kit, 1,000 chunks/s', ...kit, rate: 1000 },
  { name: 'AgentChat, as fast as possible', ...agentChat, rate: 0 },
  { name: 'AgentChat, 1,000 chunks/s', ...agentChat, rate: 1000 },
  { name: 'naive, as fast as possible', ...naive, rate: 0 },
  { name: 'naive, 1,000 chunks/s', ...naive, rate: 1000 },
]

const scaling = { pipeline: 'kit', chunks: 2000, rate: 1000, capMilliseconds: 20_000 }

/** Scaling runs: the same paced stream into a longer answer, then into a longer thread. */
export const scalingScenarios = [
  { name: 'answer already 1 KB', axis: 'message', ...scaling, earlierMessages: 10, leadBytes: 1e3 },
  {
    name: 'answer already 10 KB',
    axis: 'message',
    ...scaling,
    earlierMessages: 10,
    leadBytes: 1e4,
  },
  {
    name: 'answer already 100 KB',
    axis: 'message',
    ...scaling,
    earlierMessages: 10,
    leadBytes: 1e5,
  },
  {
    name: 'thread of 10 messages',
    axis: 'thread',
    ...scaling,
    earlierMessages: 10,
    leadBytes: 1e3,
  },
  {
    name: 'thread of 100 messages',
    axis: 'thread',
    ...scaling,
    earlierMessages: 100,
    leadBytes: 1e3,
  },
  {
    name: 'thread of 1,000 messages',
    axis: 'thread',
    ...scaling,
    earlierMessages: 1000,
    leadBytes: 1e3,
  },
]

export async function buildPage() {
  await build({ configFile: pageConfig, logLevel: 'warn' })
}

async function runScenario(browser, origin, { name, axis, ...scenario }) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const metricNames = {
    cpu: 'ThreadTime',
    task: 'TaskDuration',
    script: 'ScriptDuration',
    layout: 'LayoutDuration',
    style: 'RecalcStyleDuration',
  }
  await page.exposeFunction('benchMainThread', async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const seconds = (name) => metrics.find((metric) => metric.name === name)?.value ?? NaN
    return Object.fromEntries(
      Object.entries(metricNames).map(([key, name]) => [key, seconds(name) * 1000]),
    )
  })
  try {
    await page.goto(`${origin}/index.html`)
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready')
    const result = await page.evaluate((input) => window.bench.run(input), scenario)
    return { name, axis, ...result, errors }
  } catch (error) {
    return { name, axis, scenario, failed: String(error.message ?? error), errors }
  } finally {
    await context.close()
  }
}

/** Streams the flicker corpus through `<ChatThread>` and counts commits that flicker. */
export async function runFlicker() {
  const server = await serveDirectory(pageOutput)
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: benchArgs })
  const errors = []
  try {
    const page = await browser.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('crash', () => errors.push('the page crashed'))
    await page.goto(`${server.origin}/index.html`)
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready')
    return { ...(await page.evaluate(() => window.bench.flicker())), errors }
  } catch (error) {
    return { failed: String(error.message ?? error), errors }
  } finally {
    await browser.close()
    server.close()
  }
}

/** Runs the scenarios; `onResult` sees each one as it finishes. */
export async function runRender(scenarios, onResult = () => {}) {
  const server = await serveDirectory(pageOutput)
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: benchArgs })
  const results = []
  try {
    for (const scenario of scenarios) {
      const result = await runScenario(browser, server.origin, scenario)
      onResult(result)
      results.push(result)
    }
  } finally {
    await browser.close()
    server.close()
  }
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPage()
  const only = process.argv[2]
  const all = [...renderScenarios, ...scalingScenarios]
  if (only === 'flicker') console.log(JSON.stringify(await runFlicker(), null, 2))
  else {
    const chosen = only ? all.filter((scenario) => scenario.name.includes(only)) : all
    await runRender(chosen, (result) => console.log(JSON.stringify(result)))
  }
}
