import { afterEach, describe, expect, it } from 'vitest'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { Markdown } from './markdown'

let root: Root | undefined
let host: HTMLElement | undefined

afterEach(() => {
  root?.unmount()
  host?.remove()
})

function mount(text: string, streaming = false) {
  host = document.body.appendChild(document.createElement('div'))
  root = createRoot(host)
  flushSync(() => root!.render(<Markdown text={text} streaming={streaming} />))
}

// 1,500 items, each indented two more spaces than the one before: about 2.2 MB.
const indentedList = Array.from(
  { length: 1500 },
  (_, index) => `${' '.repeat(2 * index)}- item ${index}`,
).join('\n')

const cases: [string, string][] = [
  ['the 2.2 MB indented list', indentedList],
  [
    'a 300-level indented list under the size cap (91 KB)',
    indentedList.split('\n').slice(0, 300).join('\n'),
  ],
  ['10,000 nested quotes', `${'> '.repeat(10_000)}deep`],
  ['10,000 nested list markers', `${'- '.repeat(10_000)}deep`],
  ['10,000 nested ordered lists', `${'1. '.repeat(10_000)}deep`],
  ['5,000 emphasis openers nothing closes', '*a\n'.repeat(5000)],
]

describe('Markdown budgets, in Chromium', () => {
  it.each(cases)('renders %s as plain text with a note', (_, text) => {
    mount(text)

    const note = host!.querySelector('[role="note"]')
    expect(note?.textContent).toEqual(
      'Too large or too deeply nested to format: shown as plain text.',
    )
    expect(host!.querySelector('li, blockquote, em')).toBeNull()
    expect(host!.textContent?.replace(/\s+/g, '')).toContain(text.slice(-200).replace(/\s+/g, ''))
  })

  it('switches to plain text when a streamed answer crosses a cap, as the depth cap', () => {
    mount('Intro paragraph.\n\n', true)
    let text = 'Intro paragraph.\n\n'
    for (let level = 0; level < 40; level += 1) {
      text += `${'  '.repeat(level)}- level ${level}\n`
      flushSync(() => root!.render(<Markdown text={text} streaming />))
    }
    expect(host!.querySelector('[role="note"]')).not.toBeNull()
    expect(host!.querySelector('li')).toBeNull()
    expect(host!.textContent).toContain('- level 39')
  })

  it('formats an ordinary long answer', () => {
    const answer = Array.from(
      { length: 200 },
      (_, index) => `## Part ${index}\n\n- **item** ${index}\n  - nested *item*\n`,
    ).join('\n')
    mount(answer)
    expect(host!.querySelector('[role="note"]')).toBeNull()
    expect(host!.querySelectorAll('h2')).toHaveLength(200)
  })
})
