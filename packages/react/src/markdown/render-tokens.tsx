import { createElement, type ReactNode } from 'react'
import type { Token, Tokens } from 'marked'
import type { ChatLabels } from '../labels'
import { CodeBlock, type CodeHighlighter } from './code-block'
import { decodeEntities } from './entities'
import { safeImageSrc, safeLinkHref, type ImageAllowlist } from './safe-url'

/**
 * marked tokens to React elements. Nothing here produces HTML strings: raw HTML arrives as text,
 * links and images pass the URL checks in safe-url.ts, everything else is a fixed element.
 */
export interface RenderContext {
  labels: ChatLabels
  imageAllowlist?: ImageAllowlist
  highlight?: CodeHighlighter
}

/** Rendered where the streaming caret belongs: after the last word of the block being written. */
export const caret = <span className="auteryn-caret" aria-hidden="true" />

/** Whether a fenced block's closing fence has arrived (an indented block may still grow). */
function isClosed(code: Tokens.Code): boolean {
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(code.raw)?.[1]
  if (!fence) return false
  const closing = code.raw.replace(/\n+$/, '').split('\n').at(-1) ?? ''
  const marker = fence[0] === '`' ? '`' : '~'
  return (
    code.raw.includes('\n') &&
    new RegExp(`^ {0,3}\\${marker}{${fence.length},}[ \\t]*$`).test(closing)
  )
}

function Checkbox({ checked, labels }: { checked: boolean; labels: ChatLabels }) {
  return (
    <input
      type="checkbox"
      className="auteryn-task-checkbox"
      checked={checked}
      disabled
      readOnly
      aria-label={checked ? labels.taskDone : labels.taskOpen}
    />
  )
}

function renderLink(token: Tokens.Link, context: RenderContext, key: number): ReactNode {
  const href = safeLinkHref(token.href)
  const children = renderInline(token.tokens, context)
  if (!href) {
    return (
      <span key={key} className="auteryn-link-blocked" title={context.labels.linkBlocked}>
        {children}
      </span>
    )
  }
  return (
    <a key={key} href={href} title={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}

function renderImage(token: Tokens.Image, context: RenderContext, key: number): ReactNode {
  const alt = decodeEntities(token.text)
  const src = safeImageSrc(token.href, context.imageAllowlist)
  if (!src) {
    return (
      <span key={key} className="auteryn-image-blocked">
        {context.labels.imageBlocked(alt)}
      </span>
    )
  }
  return (
    <img
      key={key}
      src={src}
      alt={alt}
      title={token.title ?? undefined}
      loading="lazy"
      decoding="async"
      referrerPolicy="no-referrer"
    />
  )
}

export function renderInline(tokens: Token[] | undefined, context: RenderContext): ReactNode[] {
  if (!tokens) return []
  return tokens.map((token, key): ReactNode => {
    switch (token.type) {
      case 'text':
        return token.tokens ? (
          <span key={key}>{renderInline(token.tokens, context)}</span>
        ) : (
          decodeEntities(token.text)
        )
      case 'escape':
        return token.text
      case 'strong':
        return <strong key={key}>{renderInline(token.tokens, context)}</strong>
      case 'em':
        return <em key={key}>{renderInline(token.tokens, context)}</em>
      case 'del':
        return <del key={key}>{renderInline(token.tokens, context)}</del>
      case 'codespan':
        return <code key={key}>{token.text}</code>
      case 'br':
        return <br key={key} />
      case 'link':
        return renderLink(token as Tokens.Link, context, key)
      case 'image':
        return renderImage(token as Tokens.Image, context, key)
      case 'checkbox':
        return <Checkbox key={key} checked={token.checked} labels={context.labels} />
      default:
        // Inline HTML and anything unknown: shown exactly as written, never interpreted.
        return token.raw
    }
  })
}

function renderListItem(
  item: Tokens.ListItem,
  context: RenderContext,
  tail: unknown,
  key: number,
): ReactNode {
  // marked puts a task item's checkbox among its tokens, so it renders in place.
  return (
    <li key={key} className={item.task ? 'auteryn-task' : undefined}>
      {item.tokens.map((child, index) => renderBlock(child, context, tail, index))}
      {item === tail ? caret : null}
    </li>
  )
}

function renderTable(
  token: Tokens.Table,
  context: RenderContext,
  tail: unknown,
  key?: number,
): ReactNode {
  return (
    // Focusable so keyboard users can scroll a wide table.
    <div key={key} className="auteryn-table-scroll" tabIndex={0}>
      <table>
        <thead>
          <tr>
            {token.header.map((cell, index) => (
              <th key={index} style={cell.align ? { textAlign: cell.align } : undefined}>
                {renderInline(cell.tokens, context)}
                {cell === tail ? caret : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {token.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} style={cell.align ? { textAlign: cell.align } : undefined}>
                  {renderInline(cell.tokens, context)}
                  {cell === tail ? caret : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * One block token. `tail` is the innermost block (or table cell) still being written: the
 * streaming caret goes at its end, and a code block there may still be open.
 */
export function renderBlock(
  token: Token,
  context: RenderContext,
  tail?: unknown,
  key?: number,
): ReactNode {
  const end = token === tail ? caret : null
  switch (token.type) {
    case 'space':
    case 'def':
      return null
    case 'paragraph':
      return (
        <p key={key}>
          {renderInline(token.tokens, context)}
          {end}
        </p>
      )
    case 'heading':
      return createElement(
        `h${Math.min(Math.max(token.depth, 1), 6)}`,
        { key },
        ...renderInline(token.tokens, context),
        end,
      )
    case 'text':
      // A tight list item's content: inline text without a paragraph.
      return (
        <span key={key}>
          {token.tokens ? renderInline(token.tokens, context) : decodeEntities(token.text)}
          {end}
        </span>
      )
    case 'code': {
      const incomplete = token === tail && !isClosed(token as Tokens.Code)
      return (
        <CodeBlock
          key={key}
          code={token.text}
          // The language shows once its line is complete, never a word being typed.
          info={incomplete && !token.raw.includes('\n') ? undefined : token.lang}
          labels={context.labels}
          incomplete={incomplete}
          highlight={context.highlight}
          caret={end}
        />
      )
    }
    case 'blockquote':
      return (
        <blockquote key={key}>
          {(token.tokens ?? []).map((child: Token, index: number) =>
            renderBlock(child, context, tail, index),
          )}
        </blockquote>
      )
    case 'list': {
      const list = token as Tokens.List
      const items = list.items.map((item, index) => renderListItem(item, context, tail, index))
      if (!list.ordered) return <ul key={key}>{items}</ul>
      const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined
      return (
        <ol key={key} start={start}>
          {items}
        </ol>
      )
    }
    case 'table':
      return renderTable(token as Tokens.Table, context, tail, key)
    case 'hr':
      return <hr key={key} />
    case 'checkbox':
      return <Checkbox key={key} checked={token.checked} labels={context.labels} />
    default:
      // Block HTML and unknown tokens: visible as the text that was written.
      return (
        <p key={key} className="auteryn-markdown-raw">
          {token.raw.replace(/\n+$/, '')}
          {end}
        </p>
      )
  }
}
