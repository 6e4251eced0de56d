/**
 * The baseline's markdown: the whole text lexed again by marked (the kit's lexer) on every render
 * and turned into elements with no memoisation, as a straightforward chat UI would do it.
 */
import type { ReactNode } from 'react'
import { marked, type Token, type Tokens } from 'marked'

const safeHref = (href: string) => (/^(https?:|mailto:)/i.test(href) ? href : undefined)

function renderInline(tokens: Token[] | undefined): ReactNode {
  return tokens?.map((token, index) => {
    switch (token.type) {
      case 'strong':
        return <strong key={index}>{renderInline(token.tokens)}</strong>
      case 'em':
        return <em key={index}>{renderInline(token.tokens)}</em>
      case 'codespan':
        return <code key={index}>{token.text}</code>
      case 'link':
        return (
          <a key={index} href={safeHref(token.href)}>
            {renderInline(token.tokens)}
          </a>
        )
      case 'br':
        return <br key={index} />
      default:
        return 'tokens' in token && token.tokens ? renderInline(token.tokens) : token.raw
    }
  })
}

function renderBlock(token: Token, index: number): ReactNode {
  switch (token.type) {
    case 'heading':
      return <h3 key={index}>{renderInline(token.tokens)}</h3>
    case 'paragraph':
      return <p key={index}>{renderInline(token.tokens)}</p>
    case 'code':
      return (
        <pre key={index}>
          <code>{token.text}</code>
        </pre>
      )
    case 'blockquote':
      return <blockquote key={index}>{token.tokens?.map(renderBlock)}</blockquote>
    case 'list':
      return (
        <ul key={index}>
          {(token as Tokens.List).items.map((item, itemIndex) => (
            <li key={itemIndex}>{item.tokens.map(renderBlock)}</li>
          ))}
        </ul>
      )
    case 'text':
      return <span key={index}>{renderInline(token.tokens ?? [token])}</span>
    case 'space':
      return null
    default:
      return <p key={index}>{token.raw}</p>
  }
}

export function NaiveMarkdown({ text }: { text: string }) {
  return <div className="naive-markdown">{marked.lexer(text).map(renderBlock)}</div>
}
