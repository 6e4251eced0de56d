/**
 * The flicker count through the real pipeline: every hard case and every recorded transcript,
 * streamed 1 to 4 characters per event, as fast as the page reads them, through `useAgentRun`
 * and `<ChatThread>`. A
 * MutationObserver reads the answer's visible text after every commit (what the next paint shows)
 * and counts the commits that show a character the finished answer does not show there.
 */
import { createRoot } from 'react-dom/client'
import { createConversationStore } from '@auteryn/client'
import { transcripts } from '@auteryn/testing'
import { hardCases } from '../../../packages/react/src/markdown/flicker-corpus'
import { flickers, visibleText } from '../../../packages/react/src/markdown/flicker-check'
import { createChatControls } from './chat-controls'
import { KitChat } from './kit-chat'
import { createSseFetch } from './sse-fetch'

const encoder = new TextEncoder()
const sse = (event: object) => encoder.encode(`data: ${JSON.stringify(event)}\n\n`)
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))

function answerOf(transcript: string): string {
  let text = ''
  for (const line of transcript.split('\n')) {
    if (!line.startsWith('data: ')) continue
    const event = JSON.parse(line.slice(6)) as { type: string; content?: string }
    if (event.type === 'text_chunk') text += event.content ?? ''
  }
  return text
}

/** 1 to 4 characters per event, in a fixed cycle: every cut a tokenizer could make, often. */
function chunksOf(text: string): string[] {
  const chunks: string[] = []
  for (let start = 0, index = 0; start < text.length; index += 1) {
    const size = (index % 4) + 1
    chunks.push(text.slice(start, start + size))
    start += size
  }
  return chunks
}

const markdownText = (container: Element) => {
  const answers = container.querySelectorAll('.auteryn-message[data-role="assistant"]')
  const answer = answers[answers.length - 1]
  if (!answer) return ''
  return [...answer.querySelectorAll('.auteryn-markdown')].map(visibleText).join('')
}

async function streamOne(name: string, text: string) {
  const chunks = chunksOf(text)
  const plan = {
    lead: [sse({ type: 'run_started', run_id: 'run_flicker', task_id: 'task_flicker' })],
    chunks: chunks.map((content) => sse({ type: 'text_chunk', content })),
    tail: [sse({ type: 'run_completed', run_id: 'run_flicker', credits_used: 1, duration_ms: 1 })],
    rate: 0,
    capMilliseconds: Number.POSITIVE_INFINITY,
    beforeMeasure: async () => {},
  }
  const controls = createChatControls()
  const store = createConversationStore()
  const container = document.body.appendChild(document.createElement('main'))
  const snapshots: string[] = []
  const observer = new MutationObserver(() => {
    const shown = markdownText(container)
    if (shown !== snapshots[snapshots.length - 1]) snapshots.push(shown)
  })
  observer.observe(container, { subtree: true, childList: true, characterData: true })
  const root = createRoot(container)
  root.render(
    <KitChat store={store} fetch={createSseFetch(plan, { delivered: 0 })} controls={controls} />,
  )
  await nextFrame()
  controls.send('flicker')
  for (;;) {
    await nextFrame()
    const last = controls.rendered[controls.rendered.length - 1]
    if (last?.role === 'assistant' && last.status !== 'streaming') break
  }
  await nextFrame()
  observer.disconnect()
  const final = markdownText(container)
  const flickering = snapshots.filter((shown) => flickers(shown, final))
  root.unmount()
  container.remove()
  return {
    name,
    events: chunks.length,
    commitsObserved: snapshots.length,
    flickers: flickering.length,
    examples: flickering.slice(0, 3).map((shown) => shown.slice(-60)),
  }
}

export async function runFlickerProbe() {
  const corpus: [string, string][] = [
    ...Object.entries(hardCases),
    ...Object.entries(transcripts).map(([name, sse]): [string, string] => [
      `transcript ${name}`,
      answerOf(sse),
    ]),
  ]
  const answers = []
  for (const [name, text] of corpus) answers.push(await streamOne(name, text))
  return {
    answers,
    commitsObserved: answers.reduce((sum, answer) => sum + answer.commitsObserved, 0),
    flickers: answers.reduce((sum, answer) => sum + answer.flickers, 0),
  }
}
