import type { Links, Token } from 'marked'
import { Lexer, getDefaults } from './marked-lexer'
import { repairSource } from './repair-source'

/**
 * Streaming-friendly lexing: the text of an answer only grows, so blocks that later text can no
 * longer change are kept (same objects, so memoised renderers skip them) and only the tail is
 * lexed again. The cost of a chunk is the size of the last block, not of the message.
 *
 * Trade-offs, and why the result still equals a full lex:
 * - Text can change the blocks just before it: a paragraph swallows the table or heading that
 *   follows it once that turns out to be text, a list takes an item after blank lines, marked
 *   runs a paragraph on across a tab-only line and a definition's label across blank lines. So
 *   the tail starts at the last group of blocks not separated by a (tab-free) blank line, backs
 *   up over a list before it, and never starts after a `[` that may still open a definition.
 *   A property test streams random documents in random chunks against one full lex.
 * - Reference links resolve against definitions anywhere in the text. When the tail brings a
 *   definition the settled blocks were not lexed with (or changes one), everything is lexed
 *   again. Definitions are rare, so that is cheap in practice.
 * - Text that is not an extension of the previous text (an edit) is lexed from scratch.
 * - marked trims some trailing whitespace from a block's `raw`; when the settled blocks' `raw`
 *   does not match the source exactly, they stay in the tail rather than risk a wrong offset.
 * The cost that remains: a single huge block (a 2,000-line code fence) is lexed again per chunk.
 * <Markdown> lexes the whole text once more when streaming ends, as a safety net.
 *
 * With `repair`, the tail is lexed from `repairSource` of it (a prefix of it, plus at most a
 * completed table delimiter row): blocks settled from a prefix stay valid for every text that
 * extends it, so the settled blocks are the same as without the repair.
 */
export interface LexedMarkdown {
  /** The normalised text the blocks were lexed from. */
  source: string
  /** Top-level block tokens in order. */
  blocks: Token[]
  /** Leading blocks that appended text cannot change; they keep their identity. */
  settledCount: number
  /** Length of `source` covered by the settled blocks. */
  settledLength: number
  /** Link definitions found inside the settled blocks (the tail is lexed knowing them). */
  settledLinks: Links
  /** Every link definition the blocks were lexed with. */
  links: Links
  /** Whether the unfinished last line was held back (see `repairSource`). */
  repaired: boolean
}

function createLexer(known?: Links): Lexer {
  // Own options, so a host app's global `marked.use()` extensions never reach this renderer.
  const lexer = new Lexer({ ...getDefaults(), gfm: true })
  if (known) Object.assign(lexer.tokens.links, known)
  return lexer
}

function lex(source: string, known?: Links): { tokens: Token[]; links: Links } {
  const tokens = createLexer(known).lex(source)
  return { tokens, links: tokens.links }
}

/** Inline tokens of `text`, resolving reference links against `links`. */
export function lexInline(text: string, links: Links): Token[] {
  return createLexer(links).inlineTokens(text)
}

function sameLinks(left: Links, right: Links): boolean {
  const leftKeys = Object.keys(left)
  if (leftKeys.length !== Object.keys(right).length) return false
  return leftKeys.every(
    (key) =>
      Object.hasOwn(right, key) &&
      left[key]?.href === right[key]?.href &&
      left[key]?.title === right[key]?.title,
  )
}

function collectDefinitions(tokens: Token[], into: Links): Links {
  for (const token of tokens) {
    if (token.type === 'def' && !Object.hasOwn(into, token.tag)) {
      into[token.tag] = { href: token.href, title: token.title }
    }
    if (token.type === 'list') {
      for (const item of token.items) collectDefinitions(item.tokens, into)
    } else if (token.type === 'blockquote') {
      collectDefinitions(token.tokens ?? [], into)
    }
  }
  return into
}

// marked lets a paragraph run on across a line holding only a tab (until the next line turns out
// to start a block), so only tab-free blank lines reliably separate blocks.
const isBlank = (token: Token | undefined) => token?.type === 'space' && !token.raw.includes('\t')

/**
 * Where the blocks that later text may still change begin: the last group of blocks not
 * separated by a blank line (a paragraph can swallow the table or heading that follows it once
 * that block turns out to be text), and, when that group follows a list across blank lines, the
 * list too (an indented line or a new item continues it).
 */
function tailStartIndex(tokens: Token[]): number {
  let start = tokens.length - 1
  while (start > 0 && isBlank(tokens[start])) start -= 1
  for (;;) {
    while (start > 0 && !isBlank(tokens[start - 1])) start -= 1
    let before = start - 1
    while (before > 0 && isBlank(tokens[before])) before -= 1
    if (before < 0 || tokens[before]?.type !== 'list') return start
    start = before
  }
}

// A line opening `[` whose label is still open at the end of the text (or closed by `]:` with
// nothing after it yet): marked lets a definition's label run across blank lines, so later text
// can turn this paragraph and everything after it into one definition.
const openDefinition = / {0,3}\[(?:\\[\s\S]|[^[\]\\])*(?:\](?::[ \t]*\n?[ \t]*)?)?$/y

function mayBecomeDefinition(source: string, start: number): boolean {
  openDefinition.lastIndex = start
  return openDefinition.test(source)
}

/** Splits lexed tokens into settled blocks and a tail, checking offsets against the source. */
function settle(
  source: string,
  settled: Token[],
  settledLength: number,
  settledLinks: Links,
  fresh: Token[],
  links: Links,
  repaired: boolean,
): LexedMarkdown {
  const tailStart = tailStartIndex(fresh)
  const newlySettled: Token[] = []
  let length = settledLength
  for (const token of fresh.slice(0, Math.max(tailStart, 0))) {
    if (!source.startsWith(token.raw, length)) break
    if (token.type === 'paragraph' && mayBecomeDefinition(source, length)) break
    newlySettled.push(token)
    length += token.raw.length
  }
  const blocks = settled.concat(fresh)
  return {
    source,
    blocks,
    settledCount: settled.length + newlySettled.length,
    settledLength: length,
    settledLinks: collectDefinitions(newlySettled, { ...settledLinks }),
    links,
    repaired,
  }
}

/**
 * Lexes `text`, reusing the settled blocks of `previous` when `text` extends its source; with
 * `repair`, holding back an unfinished last line (default: false).
 */
export function lexMarkdown(text: string, previous?: LexedMarkdown, repair = false): LexedMarkdown {
  const source = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
  const prepare = repair ? repairSource : (tail: string) => tail
  if (previous && previous.source === source && previous.repaired === repair) return previous
  if (previous && source.startsWith(previous.source)) {
    const settled = previous.blocks.slice(0, previous.settledCount)
    const tail = lex(prepare(source.slice(previous.settledLength)), previous.settledLinks)
    if (sameLinks(tail.links, previous.links)) {
      return settle(
        source,
        settled,
        previous.settledLength,
        previous.settledLinks,
        tail.tokens,
        previous.links,
        repair,
      )
    }
  }
  const full = lex(prepare(source))
  return settle(source, [], 0, {}, full.tokens, full.links, repair)
}
