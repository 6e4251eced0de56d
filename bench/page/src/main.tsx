// The hook stand-in must exist before react-dom loads: keep this import first.
import { readProbe, resetProbe } from './commit-probe'
// The production build, as an app ships it: the probe counts commits through the DevTools hook.
// (The profiling build's <Profiler> added about 60 ms per 1,000 chunks of its own to the figures.)
import { createRoot } from 'react-dom/client'
import '@auteryn/react/styles.css'
import type { Message } from '@auteryn/client'
import { createChatControls } from './chat-controls'
import { startFrameMonitor, type FrameReport } from './frame-monitor'
import { AgentChatBench } from './agent-chat-bench'
import { FloorChat } from './floor-chat'
import { runFlickerProbe } from './flicker-probe'
import { KitChat } from './kit-chat'
import { NaiveChat } from './naive-chat'
import { PlainTextChat } from './plain-text-chat'
import { createSseFetch } from './sse-fetch'
import { createAnswerBytes, createThreadStore } from './streams'

export interface Scenario {
  pipeline: 'kit' | 'agent-chat' | 'naive' | 'floor' | 'plain-text'
  earlierMessages: number
  /** Text chunks of the measured answer (plus a tool call and result per 1,000). */
  chunks: number
  /** Chunks per second; 0 means as fast as the page reads them. */
  rate: number
  /** Length of the answer's first chunk, before measuring starts. */
  leadBytes: number
  capMilliseconds: number
}

declare global {
  interface Window {
    /** Provided by the Playwright driver: cumulative main-thread times (CDP Performance metrics). */
    benchMainThread?: () => Promise<MainThreadTimes>
    bench: {
      run: (scenario: Scenario) => Promise<unknown>
      flicker: typeof runFlickerProbe
    }
  }
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
async function frames(count: number) {
  for (let index = 0; index < count; index++) await nextFrame()
}

interface MainThreadTimes {
  /** CPU time of the main thread: unlike the durations, not inflated when the machine is busy. */
  cpu: number
  /** Wall time of all tasks; script, layout and style are parts of it. */
  task: number
  script: number
  layout: number
  style: number
}

const unknownTimes: MainThreadTimes = { cpu: NaN, task: NaN, script: NaN, layout: NaN, style: NaN }
const mainThread = async () => (await window.benchMainThread?.()) ?? unknownTimes
const since = (start: MainThreadTimes, end: MainThreadTimes): MainThreadTimes => ({
  cpu: end.cpu - start.cpu,
  task: end.task - start.task,
  script: end.script - start.script,
  layout: end.layout - start.layout,
  style: end.style - start.style,
})

const textOf = (message: Message | undefined) =>
  message?.role === 'assistant'
    ? message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')
    : undefined

async function run(scenario: Scenario) {
  const store = createThreadStore(scenario.earlierMessages)
  const earlier = store.getState().messages
  const answer = createAnswerBytes(scenario.chunks, scenario.leadBytes)
  const progress = { delivered: 0 }
  const controls = createChatControls()
  let measuring = false
  const measurement = {
    start: 0,
    mainThread: unknownTimes,
    stopMonitor: (): FrameReport | undefined => undefined,
  }
  const fetch = createSseFetch(
    {
      ...answer,
      rate: scenario.rate,
      capMilliseconds: scenario.capMilliseconds,
      beforeMeasure: async () => {
        await frames(3) // the lead (and a long first chunk) is on screen before measuring
        resetProbe(earlier.map((message) => message.id))
        measurement.stopMonitor = startFrameMonitor()
        measurement.mainThread = await mainThread()
        measurement.start = performance.now()
        measuring = true
      },
    },
    progress,
  )

  const container = document.body.appendChild(document.createElement('main'))
  const root = createRoot(container)
  const pipelines = {
    kit: () => <KitChat store={store} fetch={fetch} controls={controls} />,
    'agent-chat': () => <AgentChatBench store={store} fetch={fetch} controls={controls} />,
    floor: () => <FloorChat store={store} fetch={fetch} controls={controls} />,
    'plain-text': () => <PlainTextChat store={store} fetch={fetch} controls={controls} />,
    naive: () => <NaiveChat initial={earlier} fetch={fetch} controls={controls} />,
  }
  const chat = pipelines[scenario.pipeline]()
  root.render(chat)
  await frames(3)
  controls.send('bench')

  const deadline = performance.now() + scenario.capMilliseconds + 60_000
  let last: Message | undefined
  for (;;) {
    await nextFrame()
    last = controls.rendered[controls.rendered.length - 1]
    const finished = measuring && last?.role === 'assistant' && last.status !== 'streaming'
    if (finished && !earlier.includes(last!)) break
    if (performance.now() > deadline) throw new Error('the answer never finished rendering')
  }
  const milliseconds = performance.now() - measurement.start
  const mainThreadTimes = since(measurement.mainThread, await mainThread())
  const frameReport = measurement.stopMonitor()
  const probe = readProbe()
  const complete = textOf(last) === answer.textAfter(progress.delivered)
  root.unmount()
  container.remove()
  return {
    scenario,
    delivered: progress.delivered,
    complete,
    milliseconds,
    commits: probe.commits,
    settledRenders: probe.messageComponents > 0 ? probe.settledRenders : null,
    messageComponents: probe.messageComponents,
    // The probe's own fiber walks run on the main thread too; they are not the chat's cost.
    mainThreadMilliseconds: mainThreadTimes.cpu - probe.walkMilliseconds,
    mainThreadTimes,
    probeMilliseconds: probe.walkMilliseconds,
    ...frameReport,
  }
}

window.bench = { run, flicker: runFlickerProbe }
document.documentElement.dataset.state = 'ready'
