'use client'
import type { Labels } from '../labels'
import { CopyButton } from './copy-button'

export interface CodeBlockProps {
  code: string
  /** The fence's info string; its first word is shown as the language. */
  info?: string
  labels: Labels
}

/** A fenced or indented code block: language label, Copy button, scrollable text. */
export function CodeBlock({ code, info, labels }: CodeBlockProps) {
  const language = info?.trim().split(/\s+/)[0] ?? ''
  return (
    <div className="auteryn-code-block" data-language={language || undefined}>
      <div className="auteryn-code-block-header">
        <span className="auteryn-code-block-language">{language}</span>
        <CopyButton text={code} label={labels.copyCode} labels={labels} />
      </div>
      {/* Focusable so keyboard users can scroll long lines. */}
      <pre className="auteryn-code-block-body" tabIndex={0}>
        <code>{code}</code>
      </pre>
    </div>
  )
}
