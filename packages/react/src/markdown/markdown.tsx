'use client'
import { memo, useMemo, useRef, type HTMLAttributes } from 'react'
import type { Token } from 'marked'
import { classNames } from '../class-names'
import { resolveLabels, type Labels } from '../labels'
import type { CodeHighlighter } from './code-block'
import { lexInline, lexMarkdown, type LexedMarkdown } from './incremental-lexer'
import { exceedsMarkdownLimits } from './markdown-budget'
import { PlainText } from './plain-text'
import { caret, renderBlock, type RenderContext } from './render-tokens'
import { repairTail } from './repair-tail'
import type { ImageAllowlist } from './safe-url'

export interface MarkdownProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Markdown source. Untrusted: raw HTML shows as text, only http(s)/mailto links are live. */
  text: string
  /** Shows a caret after the last block while the text is still being written. Default: false. */
  streaming?: boolean
  /** Strings shown (copy buttons, blocked images). Default: English `defaultLabels`. */
  labels?: Partial<Labels>
  /** Remote images load only from these origins/hosts or when this predicate says so. Default: none load. */
  imageAllowlist?: ImageAllowlist
  /** Highlights closed code blocks (see `CodeHighlighter`). Default: none, code shows plain. */
  highlightCode?: CodeHighlighter
}

interface BlockProps {
  token: Token
  context: RenderContext
  tail: unknown
}

// Settled blocks keep their token object across chunks, so this memo skips them: a chunk
// re-renders only the block it lands in.
const MarkdownBlock = memo(function MarkdownBlock({ token, context, tail }: BlockProps) {
  return renderBlock(token, context, tail)
})

/** Renders untrusted, possibly half-written markdown as React elements. */
export const Markdown = memo(function Markdown({
  text,
  streaming = false,
  labels,
  imageAllowlist,
  highlightCode,
  className,
  ...rest
}: MarkdownProps) {
  const resolved = useMemo(() => resolveLabels(labels), [labels])
  const context = useMemo<RenderContext>(
    () => ({ labels: resolved, imageAllowlist, highlight: highlightCode }),
    [resolved, imageAllowlist, highlightCode],
  )
  const previous = useRef<LexedMarkdown | undefined>(undefined)
  const lexed = useMemo(() => {
    const prior = streaming ? previous.current : undefined
    // While it streams, only the text after the settled blocks is new: the rest was checked.
    const from = prior && text.startsWith(prior.source) ? prior.settledLength : 0
    if (exceedsMarkdownLimits(text, from)) {
      previous.current = undefined
      return undefined
    }
    try {
      // Incremental while streaming; one full lex when the text is done, so any streaming
      // approximation (see incremental-lexer.ts) never outlives the stream.
      return (previous.current = lexMarkdown(text, prior, streaming))
    } catch {
      // A pathological input (nesting deep enough to exhaust the lexer's stack) shows as text.
      previous.current = undefined
      return undefined
    }
  }, [text, streaming])

  if (!lexed) {
    return (
      <div
        className={classNames('auteryn-markdown', className)}
        data-state={streaming ? 'streaming' : 'complete'}
        dir="auto"
        {...rest}
      >
        <p className="auteryn-markdown-note" role="note">
          {resolved.markdownAsText}
        </p>
        <PlainText text={text} />
        {streaming ? caret : null}
      </div>
    )
  }

  // While streaming, the block being written shows no half-typed syntax (see repair-inline.ts).
  const {
    blocks,
    tail,
    index: tailIndex,
  } = streaming
    ? repairTail(lexed.blocks, (inline) => lexInline(inline, lexed.links))
    : { blocks: lexed.blocks, tail: undefined, index: -1 }
  return (
    <div
      className={classNames('auteryn-markdown', className)}
      data-state={streaming ? 'streaming' : 'complete'}
      // An Arabic answer in an English app reads right to left, and the other way round.
      dir="auto"
      {...rest}
    >
      {blocks.map((token, index) =>
        token.type === 'space' || token.type === 'def' ? null : (
          <MarkdownBlock
            key={index}
            token={token}
            context={context}
            // Only the block being written gets a new prop; every other block keeps its memo.
            tail={index === tailIndex ? tail : undefined}
          />
        ),
      )}
      {streaming && tail === undefined ? caret : null}
    </div>
  )
})
