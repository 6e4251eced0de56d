import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Lexer, getDefaults, type Tokens } from 'marked'
import { lexMarkdown, type LexedMarkdown } from './incremental-lexer'

const fullLex = (text: string) => new Lexer({ ...getDefaults(), gfm: true }).lex(text)

/** What a renderer sees: the tokens without the `raw` bookkeeping marked sometimes trims. */
const visible = (tokens: unknown) =>
  JSON.parse(JSON.stringify(tokens, (key, value: unknown) => (key === 'raw' ? undefined : value)))

function stream(chunks: string[], repair = false): LexedMarkdown {
  let state: LexedMarkdown | undefined
  let text = ''
  for (const chunk of chunks) {
    text += chunk
    state = lexMarkdown(text, state, repair)
  }
  // With the repair on, the last lex (as when streaming ends) is one without it.
  return repair ? lexMarkdown(text, state) : (state ?? lexMarkdown(''))
}

const pieces = [
  '# Heading\n',
  'Some *text* with `code` ',
  'and more\n',
  '\n',
  '- one\n',
  '- two\n',
  '  continued\n',
  '1. first\n',
  '```ts\n',
  'const x = 1\n',
  '```\n',
  '> quoted\n',
  '| a | b |\n',
  '|---|---|\n',
  '| 1 | 2 |\n',
  '[ref]: https://example.com\n',
  'see [this][ref] ',
  '---\n',
  'Title\n',
  '===\n',
  '    indented code\n',
  '- [x] task\n',
  '<div>\n',
  'https://example.org ',
  '[',
  ']: ',
  '\t\n',
  '* star\n',
  '-',
  '#',
  '+ plus\n',
  '2) second\n',
  '  indented\n',
  '\n\n',
  '> ',
  '~~~\n',
  '<!-- note\n',
  '-->\n',
  '[Ref]: <https://example.net> "T"\n',
  'line\r\n',
  '***bold*** ~~gone~~ ',
  '| h | i |\n',
  '|-',
  '- [',
  '[d]:',
  '**',
  '`',
  '<a',
]

describe('lexMarkdown', () => {
  it('streams to the same tokens as one full lex, however the text is chunked, repaired or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 14 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (parts, sizes, repair) => {
          const text = parts.join('')
          const chunks: string[] = []
          for (let offset = 0, index = 0; offset < text.length; index += 1) {
            const size = sizes[index % sizes.length] ?? 1
            chunks.push(text.slice(offset, offset + size))
            offset += size
          }
          expect(visible(stream(chunks, repair).blocks)).toEqual(visible(fullLex(text)))
        },
      ),
      { numRuns: 2000 },
    )
  }, 30_000)
})

describe('lexMarkdown while streaming', () => {
  const paragraphs = Array.from({ length: 40 }, (_, index) => `Paragraph ${index} with *words*.`)

  it('keeps settled blocks as the same objects and lexes only the tail', () => {
    const before = lexMarkdown(paragraphs.join('\n\n'))
    const after = lexMarkdown(`${before.source} and more`, before)
    expect(before.settledCount).toBeGreaterThanOrEqual(78)
    for (let index = 0; index < before.settledCount; index += 1) {
      expect(after.blocks[index]).toBe(before.blocks[index])
    }
    expect(after.blocks.at(-1)?.raw).toEqual('Paragraph 39 with *words*. and more')
  })

  it('resolves a reference link once its definition arrives later in the stream', () => {
    const first = lexMarkdown('See [the docs][docs].\n\nMore text.\n\n')
    const second = lexMarkdown(`${first.source}[docs]: https://example.com/docs\n`, first)
    const paragraph = second.blocks[0] as Tokens.Paragraph
    expect(paragraph.tokens[1]).toMatchObject({
      type: 'link',
      href: 'https://example.com/docs',
    })
  })

  it('lets a list continue across blank lines when its next item arrives a character at a time', () => {
    const text = '1. one\n\n\n2. two\n\nAfter the list.'
    const streamed = stream(text.split(''))
    expect(visible(streamed.blocks)).toEqual(visible(fullLex(text)))
    expect(streamed.blocks[0]).toMatchObject({ type: 'list', loose: true })
  })

  it('keeps a paragraph open across a tab-only line, as marked does', () => {
    const text = 'Intro\n\t\n-- more text'
    expect(visible(stream(text.split('')).blocks)).toEqual(visible(fullLex(text)))
  })

  it('lets a definition whose label spans a blank line swallow the paragraphs it covers', () => {
    const text = '[note\n\nstill the label]: https://example.com\n\nAfter.'
    expect(visible(stream(text.split('')).blocks)).toEqual(visible(fullLex(text)))
  })

  it('lexes from scratch when the text is not an extension of the previous text', () => {
    const first = lexMarkdown('# One\n\nTwo\n\nThree')
    const second = lexMarkdown('# Uno\n\nTwo\n\nThree', first)
    expect(second.blocks[0]).toMatchObject({ type: 'heading', text: 'Uno' })
  })
})
