import { afterEach, describe, expect, it } from 'vitest'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { splitEvents, transcripts } from '@auteryn/testing'
import { Markdown } from './markdown'
import { hardCases } from './flicker-corpus'
import { flickers, visibleText } from './flicker-check'

let root: Root | undefined
let host: HTMLElement | undefined

afterEach(() => {
  root?.unmount()
  host?.remove()
})

function answerOf(sse: string): string {
  let text = ''
  for (const event of splitEvents(sse)) {
    const data = /^data: (.*)$/m.exec(event)?.[1]
    if (!data) continue
    const parsed = JSON.parse(data) as { type: string; content?: string }
    if (parsed.type === 'text_chunk') text += parsed.content ?? ''
  }
  return text
}

/** Streams `text` a character at a time; returns the prefixes whose frame showed a flicker. */
function flickeringPrefixes(text: string): string[] {
  host = document.body.appendChild(document.createElement('div'))
  root = createRoot(host)
  flushSync(() => root!.render(<Markdown text={text} />))
  const final = visibleText(host)
  const found: string[] = []
  for (let end = 1; end <= text.length; end += 1) {
    const prefix = text.slice(0, end)
    flushSync(() => root!.render(<Markdown text={prefix} streaming />))
    const shown = visibleText(host)
    const carets = host.querySelectorAll('.auteryn-caret').length
    if (flickers(shown, final) || carets !== 1) {
      found.push(
        `${JSON.stringify(prefix.slice(-40))} shows ${shown.slice(-40)} (${carets} carets)`,
      )
    }
  }
  root.unmount()
  host.remove()
  root = undefined
  return found
}

const corpus: [string, string][] = [
  ...Object.entries(hardCases),
  ...Object.entries(transcripts).map(([name, sse]): [string, string] => [
    `transcript ${name}`,
    answerOf(sse),
  ]),
]

describe('Markdown while streaming, in Chromium', () => {
  it.each(corpus)('never shows syntax the finished answer does not show: %s', (_, text) => {
    expect(flickeringPrefixes(text)).toEqual([])
  })
})
