// `pnpm bench`: ingest, size, render and scaling figures; prints tables, writes results.json.
// Usage: node bench/run.mjs [--only ingest,tools,size,runs,render,scaling]   (after `pnpm build`)
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { runIngest } from './ingest.mjs'
import { runRuns } from './runs.mjs'
import { runSize } from './size.mjs'
import { runTools } from './tools.mjs'
import { buildPage, renderScenarios, runFlicker, runRender, scalingScenarios } from './render.mjs'
import {
  ingestTable,
  renderTable,
  aboveFloorTable,
  flickerTable,
  runsTable,
  scalingSummary,
  scalingTable,
  sizeTable,
  toolsTable,
  targets,
  targetsTable,
} from './report.mjs'

const onlyFlag = process.argv.indexOf('--only')
const parts = onlyFlag > 0 ? process.argv[onlyFlag + 1].split(',') : undefined
const wanted = (part) => !parts || parts.includes(part)

function machine() {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]
  let chromium = 'not found'
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim()
  } catch {
    // No Chromium here: the render runs will say why they could not start.
  }
  return {
    node: process.version,
    cpu: cpuModel ?? cpus()[0]?.model,
    cores: cpus().length,
    chromium,
    // Other work on the machine skews every timing: keep the load next to the figures.
    loadAverageAtStart: loadavg()[0],
  }
}

/** Main-thread time per 1,000 chunks of the naive baseline over the kit's, per stream rate. */
function baselineRatios(render) {
  const cost = (result) => (result.mainThreadMilliseconds * 1000) / result.delivered
  const find = (pipeline, rate) =>
    render.find(
      (result) =>
        !result.failed && result.scenario.pipeline === pipeline && result.scenario.rate === rate,
    )
  return Object.fromEntries(
    [0, 1000].map((rate) => {
      const kit = find('kit', rate)
      const naive = find('naive', rate)
      return [
        rate === 0 ? 'asFastAsPossible' : 'paced1000PerSecond',
        kit && naive ? cost(naive) / cost(kit) : null,
      ]
    }),
  )
}

const results = { date: new Date().toISOString(), machine: machine() }
const { node, cpu, cores, chromium } = results.machine
const load = results.machine.loadAverageAtStart.toFixed(1)
console.log(`Node ${node} · ${cpu} (${cores} cores) · ${chromium} · load ${load}\n`)

if (wanted('ingest')) {
  // A failed check (events lost on the way) is a result to print, not a reason to stop the bench.
  results.ingest = await runIngest().catch((error) => ({ available: false, reason: error.message }))
  console.log(ingestTable(results.ingest) + '\n')
}
if (wanted('tools')) {
  results.tools = await runTools().catch((error) => ({ available: false, reason: error.message }))
  console.log(toolsTable(results.tools) + '\n')
}
if (wanted('runs')) {
  results.runs = await runRuns().catch((error) => ({ reason: String(error.message ?? error) }))
  console.log(runsTable(results.runs) + '\n')
}
if (wanted('size')) {
  results.size = await runSize()
  console.log(sizeTable(results.size) + '\n')
}
if (wanted('render') || wanted('scaling')) {
  let buildError
  try {
    await buildPage()
  } catch (error) {
    buildError = `the bench page does not build: ${String(error.message ?? error).split('\n')[0]}`
  }
  const failAll = (scenarios, reason) =>
    scenarios.map(({ name, axis, ...scenario }) => ({ name, axis, scenario, failed: reason }))
  const measure = async (scenarios) => {
    if (buildError) return failAll(scenarios, buildError)
    try {
      return await runRender(scenarios, (result) => console.log(`  ran ${result.name}`))
    } catch (error) {
      return failAll(scenarios, `Chromium did not start: ${String(error.message).split('\n')[0]}`)
    }
  }
  if (wanted('render')) {
    results.render = await measure(renderScenarios)
    results.renderBaselineRatio = baselineRatios(results.render)
    const { asFastAsPossible, paced1000PerSecond } = results.renderBaselineRatio
    console.log(renderTable(results.render))
    console.log('\n' + aboveFloorTable(results.render))
    results.flicker = await runFlicker()
    console.log('\n' + flickerTable(results.flicker))
    console.log(
      `naive / kit main-thread time per chunk: ${asFastAsPossible?.toFixed(1) ?? 'n/a'}× flat out, ` +
        `${paced1000PerSecond?.toFixed(1) ?? 'n/a'}× at 1,000 chunks/s\n`,
    )
  }
  if (wanted('scaling')) {
    results.scaling = await measure(scalingScenarios)
    results.scalingRatio = scalingSummary(results.scaling)
    console.log(scalingTable(results.scaling) + '\n')
  }
}

results.targets = targets(results)
console.log(targetsTable(results.targets) + '\n')

results.machine.loadAverageAtEnd = loadavg()[0]
if (Math.max(results.machine.loadAverageAtStart, results.machine.loadAverageAtEnd) > cores) {
  console.log(`Warning: load average above ${cores} during the run; timings are inflated.`)
}
// A partial run (--only) must not replace the committed results of a full one.
const output = new URL(parts ? './.build/results.partial.json' : './results.json', import.meta.url)
mkdirSync(new URL('.', output), { recursive: true })
writeFileSync(output, JSON.stringify(results, null, 2) + '\n')
console.log(`Wrote ${output.pathname}`)
