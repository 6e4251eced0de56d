import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Markdown } from './markdown'
import * as safeUrl from './safe-url'

type SafeUrlModule = typeof safeUrl

// Wrapped (not replaced) so tests can count how often a block's links were rendered.
vi.mock('./safe-url', async (importOriginal) => {
  const actual = await importOriginal<SafeUrlModule>()
  return { ...actual, safeLinkHref: vi.fn(actual.safeLinkHref) }
})

afterEach(() => {
  cleanup()
  vi.mocked(safeUrl.safeLinkHref).mockClear()
})

const renderMarkdown = (text: string) => render(<Markdown text={text} />).container

describe('Markdown: hostile input', () => {
  it('shows raw HTML as text and creates no element from it', () => {
    const container = renderMarkdown(
      '<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> <b onclick="x()">bold</b>',
    )
    expect(container.querySelector('script, img, b, [onerror], [onclick]')).toBeNull()
    expect(container.textContent).toContain('<script>alert(1)</script>')
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it.each([
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[click](&#x6A;avascript&#x3A;alert(1))',
    '[click](<java\tscript:alert(1)>)',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox(1))',
    '[click](/settings/delete-account)',
    '[click][bad]\n\n[bad]: javascript:alert(1)',
  ])('renders %j as plain text, not a link', (source) => {
    const container = renderMarkdown(source)
    expect(container.querySelector('a')).toBeNull()
    expect(screen.getByText('click')).toBeTruthy()
  })

  it('never requests a remote image unless the app allowlists it', () => {
    const source = '![pixel](https://tracker.example/pixel.gif?user=1)'
    const { container, rerender } = render(<Markdown text={source} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toEqual('Image not loaded: pixel')

    rerender(<Markdown text={source} imageAllowlist={['https://cdn.example.com']} />)
    expect(container.querySelector('img')).toBeNull()

    rerender(<Markdown text={source} imageAllowlist={['tracker.example']} />)
    expect(screen.getByRole('img', { name: 'pixel' }).getAttribute('src')).toEqual(
      'https://tracker.example/pixel.gif?user=1',
    )
  })

  it('survives nesting deep enough to exhaust a recursive parser', () => {
    const container = renderMarkdown(`${'> '.repeat(20_000)}deep`)
    expect(container.textContent).toContain('deep')
  })
})

describe('Markdown: rendering', () => {
  it('opens safe links in a new tab without an opener and shows the URL on hover', () => {
    renderMarkdown('See [the docs](https://example.com/docs "Docs") or mail hi@example.com.')
    const link = screen.getByRole('link', { name: 'the docs' })
    expect(link.getAttribute('href')).toEqual('https://example.com/docs')
    expect(link.getAttribute('target')).toEqual('_blank')
    expect(link.getAttribute('rel')).toEqual('noopener noreferrer')
    expect(link.getAttribute('title')).toEqual('https://example.com/docs')
    expect(screen.getByRole('link', { name: 'hi@example.com' }).getAttribute('href')).toEqual(
      'mailto:hi@example.com',
    )
  })

  it('labels fenced code with its language and copies it', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    const user = userEvent.setup()
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    renderMarkdown('```ts title="x"\nconst answer = 42\n```')
    expect(screen.getByText('ts')).toBeTruthy()
    expect(document.querySelector('pre code')?.textContent).toEqual('const answer = 42')
    await user.click(screen.getByRole('button', { name: 'Copy code' }))
    expect(writeText).toHaveBeenCalledWith('const answer = 42')
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy()
  })

  it('says so when the clipboard refuses', async () => {
    const user = userEvent.setup()
    const writeText = () => Promise.reject(new Error('denied'))
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    renderMarkdown('```\nx\n```')
    await user.click(screen.getByRole('button', { name: 'Copy code' }))
    expect(await screen.findByRole('button', { name: 'Copy failed' })).toBeTruthy()
  })

  it('renders an unclosed fence as code while it streams', () => {
    const container = renderMarkdown('Here:\n\n```python\nprint("hi")\n# *not emphasis*')
    expect(container.querySelector('pre code')?.textContent).toEqual(
      'print("hi")\n# *not emphasis*',
    )
    expect(container.querySelector('em, h1')).toBeNull()
  })

  it('renders tables, lists, task lists, quotes, headings and inline styles', () => {
    const container = renderMarkdown(
      [
        '## Title',
        '| Name | Count |\n|:-----|------:|\n| bugs | 3 |',
        '3. three\n4. four',
        '- [x] shipped\n- [ ] pending',
        '> quoted **strong** *em* ~~gone~~ `code`',
        '---',
        'AT&amp;T &copy; &#169; &unknown;',
      ].join('\n\n'),
    )
    expect(screen.getByRole('heading', { level: 2, name: 'Title' })).toBeTruthy()
    const table = screen.getByRole('table')
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Name', 'Count'])
    expect(within(table).getByRole('cell', { name: '3' }).style.textAlign).toEqual('right')
    expect(container.querySelector('ol')?.getAttribute('start')).toEqual('3')
    expect(screen.getByRole('checkbox', { name: 'Done' })).toHaveProperty('checked', true)
    expect(screen.getByRole('checkbox', { name: 'Not done' })).toHaveProperty('checked', false)
    expect(container.querySelector('blockquote strong')?.textContent).toEqual('strong')
    expect(container.querySelector('blockquote del')?.textContent).toEqual('gone')
    expect(container.querySelector('blockquote code')?.textContent).toEqual('code')
    expect(container.querySelector('hr')).not.toBeNull()
    expect(container.querySelector('.auteryn-markdown > p:last-of-type')?.textContent).toEqual(
      'AT&T © © &unknown;',
    )
  })

  it.each([
    ['paragraph', 'One\n\nTwo words', 'p:last-of-type'],
    ['list item', 'Intro\n\n- first\n- second **bold words', 'li:last-child > span'],
    ['nested list item', '1. one\n   - inner words', 'ol > li > ul > li > span'],
    ['loose list item', '- one\n\n- two words', 'li:last-child > p'],
    ['quote', '> quoted words', 'blockquote > p'],
    ['table cell', '| a | b |\n|---|---|\n| 1 | two words', 'tbody tr:last-child td:nth-child(2)'],
    ['heading', 'Text\n\n## Heading words', 'h2'],
    ['open code fence', '```ts\nconst a = 1', 'pre'],
  ])('puts the streaming caret inline after the last word of a %s', (_, text, selector) => {
    const container = render(<Markdown text={text} streaming />).container
    const carets = container.querySelectorAll('.auteryn-caret')
    expect(carets).toHaveLength(1)
    const block = container.querySelector(selector)
    expect(carets[0]?.parentElement).toBe(block)
    // Inline: the caret follows the block's text, with no block element between them.
    expect(block?.lastChild).toBe(carets[0])
    expect(block?.textContent?.trimEnd().endsWith('words') || selector === 'pre').toBe(true)
  })

  it('shows no caret once the answer is complete', () => {
    const container = render(<Markdown text={'- one\n- two'} />).container
    expect(container.querySelector('.auteryn-caret')).toBeNull()
  })
})

describe('Markdown: code fences while they stream', () => {
  const highlight = vi.fn((code: string, language: string) => (
    <span className="highlighted" data-language={language}>
      {code}
    </span>
  ))

  it('renders an open fence as code at once, marked incomplete, with no Copy button', () => {
    const { container, rerender } = render(
      <Markdown text={'Here:\n\n```ts\nconst a = 1\n'} streaming highlightCode={highlight} />,
    )
    const block = container.querySelector('.auteryn-code-block')
    expect(block?.getAttribute('data-incomplete')).toEqual('true')
    expect(container.querySelector('pre code')?.textContent).toEqual('const a = 1')
    expect(screen.queryByRole('button', { name: 'Copy code' })).toBeNull()
    expect(highlight).not.toHaveBeenCalled()

    rerender(
      <Markdown
        text={'Here:\n\n```ts\nconst a = 1\nconst b = 2\n``'}
        streaming
        highlightCode={highlight}
      />,
    )
    // The half-typed closing fence is not shown as code.
    expect(container.querySelector('pre code')?.textContent).toEqual('const a = 1\nconst b = 2')
    expect(highlight).not.toHaveBeenCalled()

    rerender(
      <Markdown
        text={'Here:\n\n```ts\nconst a = 1\nconst b = 2\n```\n'}
        streaming
        highlightCode={highlight}
      />,
    )
    expect(container.querySelector('.auteryn-code-block')?.hasAttribute('data-incomplete')).toBe(
      false,
    )
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
    expect(highlight).toHaveBeenCalledWith('const a = 1\nconst b = 2', 'ts')
    expect(container.querySelector('pre code .highlighted')?.textContent).toEqual(
      'const a = 1\nconst b = 2',
    )
  })

  it('shows no language while the fence line is still being typed', () => {
    const { container, rerender } = render(<Markdown text={'```pyth'} streaming />)
    expect(container.querySelector('.auteryn-code-block-language')).toBeNull()
    rerender(<Markdown text={'```python\nprint(1)'} streaming />)
    expect(container.querySelector('.auteryn-code-block-language')?.textContent).toEqual('python')
  })
})

describe('Markdown: streaming cost', () => {
  const calls = (url: string) =>
    vi.mocked(safeUrl.safeLinkHref).mock.calls.filter(([href]) => href === url).length

  it('re-renders only the block a chunk lands in', () => {
    const blocks = [0, 1, 2].map((index) => `Block [${index}](https://example.com/${index}).`)
    let text = blocks.join('\n\n')
    const { rerender } = render(<Markdown text={text} streaming />)
    for (const chunk of [' more', ' and [more](https://example.com/more)', ' words']) {
      text += chunk
      act(() => rerender(<Markdown text={text} streaming />))
    }
    expect(calls('https://example.com/0')).toEqual(1)
    expect(calls('https://example.com/1')).toEqual(1)
    expect(calls('https://example.com/2')).toEqual(4)
    expect(screen.getByRole('link', { name: 'more' })).toBeTruthy()
  })
})
