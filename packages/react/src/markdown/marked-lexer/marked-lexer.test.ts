import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { Lexer as MarkedLexer, getDefaults as markedDefaults } from 'marked'
import { describe, expect, it } from 'vitest'
import { extractMarkedLexer } from '../../../../../scripts/extract-marked-lexer.mjs'
import { hardCases } from '../flicker-corpus'
import { Lexer, getDefaults } from '.'

const ours = (text: string) => new Lexer({ ...getDefaults(), gfm: true }).lex(text)
const marked = (text: string) => new MarkedLexer({ ...markedDefaults(), gfm: true }).lex(text)

/**
 * A rule set as comparable text: each rule's pattern, the patterns a rule-making function makes
 * for a few indents (marked publishes them minified), `never` for marked's no-op rule.
 */
const patterns = (rules: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(rules).map(([name, rule]) => [
      name,
      rule instanceof RegExp
        ? String(rule)
        : typeof rule === 'function'
          ? [1, 2, 4, 6].map((indent) => String(rule(indent))).join(' ')
          : 'never',
    ]),
  )

/** The patterns a lexer's tokenizer is given besides the block and inline rules. */
const otherPatterns = (lexer: unknown) =>
  patterns(
    (lexer as { tokenizer: { rules: { other: Record<string, unknown> } } }).tokenizer.rules.other,
  )

describe("marked's lexer, taken alone", () => {
  it('is what the installed marked publishes (rerun scripts/extract-marked-lexer.mjs if not)', () => {
    for (const [name, text] of Object.entries(extractMarkedLexer())) {
      const path = fileURLToPath(new URL(name, import.meta.url))
      expect(readFileSync(path, 'utf8'), name).toBe(text)
    }
  })

  it("keeps marked's normal and GFM rule sets, pattern for pattern", () => {
    type RuleSets = Record<'block' | 'inline', Record<string, Record<string, unknown>>>
    const theirs = MarkedLexer.rules as unknown as RuleSets
    const kept = Lexer.rules as unknown as RuleSets
    for (const level of ['block', 'inline'] as const) {
      expect(Object.keys(kept[level])).toEqual(['normal', 'gfm'])
      for (const set of ['normal', 'gfm']) {
        expect(patterns(kept[level][set]!), `${level}.${set}`).toEqual(
          patterns(theirs[level][set]!),
        )
      }
    }
  })

  it('keeps the other patterns the tokenizer reads, but for the three only pedantic branches read', () => {
    const kept = otherPatterns(new Lexer({ ...getDefaults(), gfm: true }))
    const theirs = otherPatterns(new MarkedLexer({ ...markedDefaults(), gfm: true }))
    for (const name of ['listReplaceNesting', 'pedanticHrefTitle', 'spaceLine']) {
      expect(theirs).toHaveProperty(name)
      delete theirs[name]
    }
    expect(kept).toEqual(theirs)
  })

  it('refuses the options whose code was cut instead of lexing otherwise than marked', () => {
    expect(() => new Lexer({ ...getDefaults(), gfm: true, pedantic: true })).toThrow(/pedantic/)
    expect(() => new Lexer({ ...getDefaults(), gfm: true, breaks: true })).toThrow(/breaks/)
    const extensions = { inline: [] } as never
    expect(() => new Lexer({ ...getDefaults(), gfm: true, extensions })).toThrow(/extensions/)
    expect(() => new Lexer({ ...getDefaults(), gfm: true, hooks: {} as never })).toThrow(/hooks/)
  })

  it.each(Object.entries(hardCases))('lexes exactly as marked does: %s', (_, text) => {
    expect(ours(text)).toEqual(marked(text))
  })

  it('lexes any mix of markdown syntax exactly as marked does', () => {
    const unit = fc.constantFrom(
      ...'*_`~[]()!#->|:\\<\n\t 1.aZ',
      '```',
      '| - |',
      '[x](',
      '**',
      '<br>',
    )
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        expect(ours(text)).toEqual(marked(text))
      }),
    )
  })
})
