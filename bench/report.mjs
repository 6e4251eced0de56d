// Turns bench results into the printed tables (also pasted into bench/README.md).

const integer = (value) => Math.round(value).toLocaleString('en-US')
const decimal = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const kilobytes = (bytes) => `${(bytes / 1000).toFixed(2)} KB`
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`

/** A markdown table: readable in a terminal and pasteable into the README as is. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String))
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)))
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n')
}

export function ingestTable(ingest) {
  if (!ingest.jsonParseFloor)
    return table(['ingest (Node, no React)'], [[`failed: ${ingest.reason}`]])
  const floor = ingest.jsonParseFloor.eventsPerSecond
  const rows = [['JSON.parse alone (the floor)', '—', integer(floor), '1.00']]
  const row = (label, figures) => [
    label,
    integer(figures.networkChunks),
    integer(figures.eventsPerSecond),
    decimal(figures.eventsPerSecond / floor, 2),
  ]
  for (const library of ingest.libraries ?? []) {
    rows.push(row(`64 KiB reads, ${library.name} + JSON.parse only`, library))
  }
  if (!ingest.available) rows.push(['the client → store', '—', 'not available', ingest.reason])
  for (const path of ingest.paths ?? []) {
    const chunks = path.chunkBytes === 7 ? '7-byte' : '64 KiB'
    rows.push(row(`${chunks} reads, ${path.name}`, path))
  }
  if (ingest.tinyReadsAlone) {
    rows.push(row('7-byte reads, reading the body alone', ingest.tinyReadsAlone))
  }
  const headers = ['ingest (Node, no React)', 'network reads', 'events / CPU s', 'ratio to floor']
  return `${integer(ingest.events)} events, ${integer(ingest.sseBytes)} bytes of SSE\n${table(headers, rows)}`
}

export function toolsTable(tools) {
  if (!tools.available)
    return table(['tool pairing (Node, no React)'], [[`failed: ${tools.reason}`]])
  const rows = tools.rows.map((row) => [row.name, integer(row.pairs), integer(row.cpuMilliseconds)])
  return table(['tool pairing: N calls of one tool, then N results', 'N', 'CPU ms'], rows)
}

function perThousand(result, value) {
  return result.delivered > 0 ? (value * 1000) / result.delivered : Number.NaN
}

export function renderTable(results) {
  const rows = results.map((result) => {
    if (result.failed) return [result.name, 'not available: ' + result.failed.split('\n')[0]]
    return [
      result.name,
      integer(result.delivered) + (result.complete ? '' : ' (text differs!)'),
      `${integer(result.commits)} / ${integer(result.frames)}`,
      result.settledRenders === null ? 'not visible' : integer(result.settledRenders),
      decimal(perThousand(result, result.mainThreadMilliseconds), 0),
      `${decimal(result.frameP50Milliseconds)} / ${decimal(result.frameP95Milliseconds)}`,
      integer(result.longTasks),
      megabytes(result.peakHeapBytes),
    ]
  })
  const headers = [
    'render (Chromium)',
    'chunks',
    'commits / frames',
    'settled renders',
    'main CPU ms / 1k chunks',
    'frame p50 / p95 ms',
    'tasks > 50 ms',
    'peak heap',
  ]
  return table(headers, rows)
}

/** Each run's main-thread time per 1,000 chunks above the floor's at the same rate. */
export function aboveFloor(results) {
  const usable = results.filter((result) => !result.failed)
  const floorAt = (rate) =>
    usable.find((result) => result.scenario.pipeline === 'floor' && result.scenario.rate === rate)
  return usable
    .filter((result) => result.scenario.pipeline !== 'floor')
    .map((result) => {
      const floor = floorAt(result.scenario.rate)
      const cost = perThousand(result, result.mainThreadMilliseconds)
      const floorCost = floor ? perThousand(floor, floor.mainThreadMilliseconds) : Number.NaN
      return {
        name: result.name,
        pipeline: result.scenario.pipeline,
        rate: result.scenario.rate,
        cost,
        floorCost,
        above: cost - floorCost,
      }
    })
}

export function aboveFloorTable(results) {
  const rows = aboveFloor(results).map((row) => [
    row.name,
    decimal(row.cost, 0),
    decimal(row.floorCost, 0),
    decimal(row.above, 0),
  ])
  const headers = ['render above the floor', 'main CPU ms / 1k chunks', 'floor', 'above the floor']
  return table(headers, rows)
}

export function flickerTable(flicker) {
  if (!flicker || flicker.failed)
    return table(['flicker (Chromium)'], [[`failed: ${flicker?.failed}`]])
  const rows = flicker.answers.map((answer) => [
    answer.name,
    integer(answer.events),
    integer(answer.commitsObserved),
    integer(answer.flickers),
  ])
  rows.push(['all', '', integer(flicker.commitsObserved), integer(flicker.flickers)])
  const headers = [
    'flicker through <ChatThread>',
    'events',
    'commits observed',
    'commits that flicker',
  ]
  return table(headers, rows)
}

/** Per-chunk cost of each scaling run, and the largest/smallest ratio along each axis. */
export function scalingSummary(results) {
  const cost = (result) => perThousand(result, result.mainThreadMilliseconds)
  const axes = {}
  for (const axis of ['message', 'thread']) {
    const costs = results.filter((result) => result.axis === axis && !result.failed).map(cost)
    axes[axis] = costs.length > 1 ? Math.max(...costs) / Math.min(...costs) : Number.NaN
  }
  return axes
}

export function scalingTable(results) {
  const ratios = scalingSummary(results)
  const rows = results.map((result) =>
    result.failed
      ? [result.name, 'not available', '', '', '', '']
      : [
          result.name,
          decimal(perThousand(result, result.mainThreadMilliseconds), 0),
          decimal(perThousand(result, result.mainThreadTimes.script - result.probeMilliseconds), 0),
          integer(result.commits),
          decimal(result.mainThreadMilliseconds / result.commits, 1),
          `${decimal(result.frameP50Milliseconds)} / ${decimal(result.frameP95Milliseconds)}`,
        ],
  )
  const blank = ['', '', '', '']
  rows.push(['largest / smallest, answer length', decimal(ratios.message, 2), ...blank])
  rows.push(['largest / smallest, thread length', decimal(ratios.thread, 2), ...blank])
  const headers = [
    'scaling (kit, 1,000 chunks/s)',
    'main CPU ms / 1k chunks',
    'script ms / 1k',
    'commits',
    'main CPU ms / commit',
    'frame p50 / p95 ms',
  ]
  return table(headers, rows)
}

export function sizeTable(sizes) {
  const rows = sizes.map((size) => [
    size.name,
    size.available ? kilobytes(size.bytes) : `not available (${size.reason})`,
    size.budget ? kilobytes(size.budget) : '—',
    size.available ? (size.withinBudget ? 'yes' : 'NO') : '—',
  ])
  return table(['size (min+gzip, react excluded)', 'size', 'budget', 'within'], rows)
}

// A row given as a reference (not a target) says so instead of a verdict.
const verdict = (met) =>
  typeof met === 'string' ? met : met === undefined ? 'not measured' : met ? 'met' : 'NOT met'

/** The "improve until" list, checked against this run. */
export function targets(results) {
  const kitRuns = [...(results.render ?? []), ...(results.scaling ?? [])].filter(
    (result) => !result.failed && ['kit', 'agent-chat'].includes(result.scenario.pipeline),
  )
  const some = (values) => (values.length > 0 ? values : undefined)
  // null: the probe saw no message components, so it cannot vouch for anything.
  const settledCounts = kitRuns.map((result) => result.settledRenders)
  const settled = settledCounts.includes(null) ? undefined : some(settledCounts)
  const perFrame = some(kitRuns.map((result) => result.commits / result.frames))
  const hookPath = results.ingest?.paths?.find((path) => path.chunkBytes !== 7 && path.hook)
  const toolsHook = results.tools?.rows?.find((row) => row.hook)
  const ratios = results.scalingRatio
  const sizes = results.size?.filter((size) => size.available)
  const agentChat = aboveFloor(results.render ?? []).find(
    (row) => row.pipeline === 'agent-chat' && row.rate === 1000,
  )
  // What the browser alone charges to show text every frame: the same target, for scale.
  const plainText = aboveFloor(results.render ?? []).find(
    (row) => row.pipeline === 'plain-text' && row.rate === 1000,
  )
  const flicker = results.flicker && !results.flicker.failed ? results.flicker : undefined
  const rows = [
    [
      '<AgentChat>, 500 messages, 1,000 chunks/s: ≤ 40 ms / 1k chunks above the floor',
      agentChat && `${decimal(agentChat.above, 0)} ms`,
      agentChat && agentChat.above <= 40,
    ],
    [
      '  for scale: plain text written by hand once a frame (no React, no markdown)',
      plainText && `${decimal(plainText.above, 0)} ms`,
      'for scale',
    ],
    [
      'no commit shows syntax the finished answer does not (through <ChatThread>)',
      flicker && `${flicker.flickers} of ${integer(flicker.commitsObserved)} commits`,
      flicker && flicker.flickers === 0,
    ],
    [
      'settled messages render 0 times',
      settled && `max ${Math.max(...settled)}`,
      settled?.every((count) => count === 0),
    ],
    [
      'commits ≤ frames at any rate',
      perFrame && `at most ${decimal(Math.max(...perFrame), 2)} per frame`,
      perFrame?.every((ratio) => ratio <= 1),
    ],
    [
      'per-chunk cost ≤ 2×, 1 KB to 100 KB answer',
      ratios && `${decimal(ratios.message, 2)}×`,
      ratios && ratios.message <= 2,
    ],
    [
      'per-chunk cost ≤ 2×, 10 to 1,000 messages',
      ratios && `${decimal(ratios.thread, 2)}×`,
      ratios && ratios.thread <= 2,
    ],
    [
      'ingest ≥ 0.5 of the JSON.parse floor (64 KiB, as the hook batches)',
      hookPath && decimal(hookPath.ratioToFloor, 2),
      hookPath && hookPath.ratioToFloor >= 0.5,
    ],
    [
      '20,000 calls + 20,000 results of one tool, as the hook applies them: < 1 s',
      toolsHook && `${integer(toolsHook.cpuMilliseconds)} ms`,
      toolsHook && toolsHook.cpuMilliseconds < 1000,
    ],
    [
      'sizes within budget',
      sizes && `${sizes.filter((size) => size.withinBudget).length} of ${results.size.length}`,
      sizes && sizes.length === results.size.length && sizes.every((size) => size.withinBudget),
    ],
  ]
  return rows.map(([target, figure, met]) => ({
    target,
    figure: figure ?? '—',
    verdict: verdict(met),
  }))
}

export function targetsTable(rows) {
  return table(
    ['target', 'this run', 'verdict'],
    rows.map((row) => [row.target, row.figure, row.verdict]),
  )
}

const microseconds = (value) => (value === undefined ? '—' : `${value.toFixed(1)} µs`)

export function runsTable(runs) {
  if (runs.reason) return table(['resumable runs'], [[`failed: ${runs.reason}`]])
  const { memory, latency } = runs
  const kilobytesOf = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
  const memoryRows = [
    ['per live run (log + reader)', kilobytesOf(memory.bytesPerLiveRun)],
    ['per retained run (finished, kept for resumes)', kilobytesOf(memory.bytesPerRetainedRun)],
  ]
  const none = latency.none.median
  const latencyRow = (name, result) =>
    result.unavailable
      ? [name, `not measured (${result.unavailable})`, '—', '—']
      : [
          name,
          microseconds(result.median),
          microseconds(result.p99),
          microseconds(result.median - none),
        ]
  return [
    table(
      [
        `memory store, ${memory.runs} concurrent runs of ${kilobytesOf(memory.bytesPerRun)}`,
        'bytes',
      ],
      memoryRows,
    ),
    table(
      ['per event, upstream → reader (in process)', 'median', 'p99', 'added (median)'],
      [
        latencyRow('runs: false', latency.none),
        latencyRow('memory store', latency.memory),
        latencyRow('Redis store (local redis-server)', latency.redis),
      ],
    ),
    table(
      ['large answer in small reads (in process)', 'reads', 'CPU ms', 'wall ms'],
      (runs.reads ?? []).map((row) => [
        row.name,
        row.reads.toLocaleString('en-US'),
        row.cpuMilliseconds,
        row.wallMilliseconds,
      ]),
    ),
  ].join('\n\n')
}
