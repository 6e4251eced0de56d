import type { Token, Tokens } from 'marked'
import { repairInline } from './repair-inline'

/** Lexes inline markdown with the answer's link definitions. */
export type InlineLexer = (text: string) => Token[]

export interface RepairedTail {
  /** The blocks to render: the settled ones untouched, the last one repaired. */
  blocks: Token[]
  /** The innermost block (or table cell) the text is being written in: the caret goes there. */
  tail: unknown
  /** The index in `blocks` of the block that holds `tail` (-1 when there is none). */
  index: number
}

const lastContent = (tokens: Token[]) => {
  let index = tokens.length - 1
  while (index >= 0 && tokens[index]?.type === 'space') index -= 1
  return index
}

/** A copy of `tokens` with the one at `index` replaced. */
const replaced = <T>(items: T[], index: number, item: T) => {
  const copy = items.slice()
  copy[index] = item
  return copy
}

function repairTable(table: Tokens.Table, lexInline: InlineLexer): { token: Token; tail: unknown } {
  const rows = table.rows.length > 0 ? table.rows : [table.header]
  const row = rows.at(-1)!
  // marked pads a row being typed with empty cells: the text is in the last one written.
  let index = row.length - 1
  while (index > 0 && !row[index]?.text) index -= 1
  const cell = row[index]
  if (!cell) return { token: table, tail: table }
  const repaired = { ...cell, tokens: lexInline(repairInline(cell.text)) }
  const newRow = replaced(row, index, repaired)
  const token =
    table.rows.length > 0
      ? { ...table, rows: replaced(table.rows, table.rows.length - 1, newRow) }
      : { ...table, header: newRow }
  return { token, tail: repaired }
}

/** The block with its innermost last block repaired, and that block (where the caret goes). */
function repairBlock(token: Token, lexInline: InlineLexer): { token: Token; tail: unknown } {
  switch (token.type) {
    case 'paragraph':
    case 'heading':
    case 'text': {
      const repaired = { ...token, tokens: lexInline(repairInline(token.text as string)) }
      return { token: repaired, tail: repaired }
    }
    case 'blockquote': {
      const children = token.tokens ?? []
      const index = lastContent(children)
      if (index < 0) return { token, tail: undefined }
      const inner = repairBlock(children[index]!, lexInline)
      return {
        token: { ...token, tokens: replaced(children, index, inner.token) },
        tail: inner.tail,
      }
    }
    case 'list': {
      const list = token as Tokens.List
      const item = list.items.at(-1)
      if (!item) return { token, tail: token }
      const index = lastContent(item.tokens)
      if (index < 0) return { token, tail: item }
      const inner = repairBlock(item.tokens[index]!, lexInline)
      const newItem = { ...item, tokens: replaced(item.tokens, index, inner.token) }
      const items = replaced(list.items, list.items.length - 1, newItem)
      return { token: { ...list, items }, tail: inner.tail }
    }
    case 'table':
      return repairTable(token as Tokens.Table, lexInline)
    case 'code':
    case 'html':
      return { token, tail: token }
    default:
      // A rule or a definition holds no caret: it goes after the blocks.
      return { token, tail: undefined }
  }
}

/**
 * Only the last block of a streamed answer is unfinished, so only its innermost last block
 * (a paragraph, a list item's text, a heading, a table cell) is repaired and lexed again.
 */
export function repairTail(blocks: Token[], lexInline: InlineLexer): RepairedTail {
  const index = lastContent(blocks)
  if (index < 0) return { blocks, tail: undefined, index }
  const { token, tail } = repairBlock(blocks[index]!, lexInline)
  return { blocks: replaced(blocks, index, token), tail, index }
}
