import type { Token, Tokens } from 'marked'
import { Lexer, getDefaults } from '../markdown/marked-lexer'
import { decodeEntities } from '../markdown/entities'

/**
 * An answer's markdown as the plain text a reader sees: no `**`, `#` or link targets; code,
 * list items and table cells kept, one block per paragraph. Built only when the user copies.
 */
export function markdownToPlainText(markdown: string): string {
  try {
    return blocks(new Lexer({ ...getDefaults(), gfm: true }).lex(markdown)).trim()
  } catch {
    // Nesting deep enough to exhaust the lexer's stack: the source is the best text there is.
    return markdown
  }
}

function blocks(tokens: readonly Token[]): string {
  return tokens
    .map(block)
    .filter((text) => text !== '')
    .join('\n\n')
}

function block(token: Token): string {
  switch (token.type) {
    case 'heading':
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens)
    case 'text': {
      const text = token as Tokens.Text
      return text.tokens ? inline(text.tokens) : decodeEntities(text.text)
    }
    case 'code':
      return (token as Tokens.Code).text
    case 'blockquote':
      return blocks((token as Tokens.Blockquote).tokens)
    case 'list': {
      const list = token as Tokens.List
      const start = typeof list.start === 'number' ? list.start : 1
      return list.items
        .map((item, index) => {
          const marker = list.ordered ? `${start + index}. ` : '• '
          return marker + blocks(item.tokens).replace(/\n\n/g, '\n')
        })
        .join('\n')
    }
    case 'table': {
      const table = token as Tokens.Table
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens)).join('\t')
      return [row(table.header), ...table.rows.map(row)].join('\n')
    }
    case 'html':
      return (token as Tokens.HTML).text.trim()
    default:
      return ''
  }
}

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return ''
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'text':
        case 'escape': {
          const text = token as Tokens.Text
          return text.tokens ? inline(text.tokens) : decodeEntities(text.text)
        }
        case 'codespan':
          return decodeEntities((token as Tokens.Codespan).text)
        case 'br':
          return '\n'
        case 'image':
          return decodeEntities((token as Tokens.Image).text)
        case 'html':
          return (token as Tokens.HTML).text
        default:
          return 'tokens' in token && Array.isArray(token.tokens) ? inline(token.tokens) : ''
      }
    })
    .join('')
}
