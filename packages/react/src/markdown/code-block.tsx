'use client'
import { useMemo, type ReactNode } from 'react'
import type { ChatLabels } from '../labels'
import { CopyButton } from './copy-button'

/**
 * Turns a closed code block into highlighted React nodes (never an HTML string). Called only once
 * a block's closing fence has arrived, so highlighting never flickers while code streams; return
 * `undefined` to show the code plain. Pass a stable function: a new one re-renders every answer.
 */
export type CodeHighlighter = (code: string, language: string) => ReactNode

export interface CodeBlockProps {
  code: string
  /** The fence's info string; its first word is shown as the language. */
  info?: string
  labels: ChatLabels
  /** The block's closing fence has not arrived yet: no Copy button, no highlighting. */
  incomplete?: boolean
  highlight?: CodeHighlighter
  /** The streaming caret, after the last character while the block is being written. */
  caret?: ReactNode
}

/** A fenced or indented code block: language label, Copy button, scrollable text. */
export function CodeBlock({ code, info, labels, incomplete, highlight, caret }: CodeBlockProps) {
  const language = info?.trim().split(/\s+/)[0] ?? ''
  const highlighted = useMemo(
    () => (incomplete || !highlight ? undefined : highlight(code, language)),
    [code, language, incomplete, highlight],
  )
  return (
    <div
      className="auteryn-code-block"
      data-language={language || undefined}
      data-incomplete={incomplete || undefined}
    >
      <div className="auteryn-code-block-header">
        <span className="auteryn-code-block-language">{language}</span>
        {incomplete ? (
          // Holds the button's place, so the header keeps its height when the fence closes.
          <span className="auteryn-copy-button auteryn-copy-placeholder" aria-hidden="true">
            {labels.copy}
          </span>
        ) : (
          <CopyButton text={code} label={labels.copyCode} labels={labels} />
        )}
      </div>
      {/* Focusable so keyboard users can scroll long lines. */}
      <pre className="auteryn-code-block-body" tabIndex={0}>
        <code>{highlighted ?? code}</code>
        {caret}
      </pre>
    </div>
  )
}
