'use client'
import { useMemo, useState } from 'react'
import type { ChatLabels } from '../labels'
import { CopyButton } from '../markdown/copy-button'
import { expandedLimits, formatJson, jsonForClipboard, previewLimits } from './format-json'

export interface JsonViewProps {
  value: unknown
  /** Visible heading of the block, e.g. "Parameters". */
  title: string
  /** Accessible name of its Copy button, e.g. "Copy parameters". */
  copyLabel: string
  labels: ChatLabels
}

/** Untrusted JSON as escaped text (React escapes it), bounded, with "Show more" and Copy. */
export function JsonView({ value, title, copyLabel, labels }: JsonViewProps) {
  const [expanded, setExpanded] = useState(false)
  const preview = useMemo(() => formatJson(value, previewLimits), [value])
  const full = useMemo(
    () => (expanded ? formatJson(value, expandedLimits) : undefined),
    [value, expanded],
  )
  const shown = full ?? preview
  return (
    <div className="auteryn-json">
      <div className="auteryn-json-header">
        <span className="auteryn-json-title">{title}</span>
        <CopyButton text={() => jsonForClipboard(value)} label={copyLabel} labels={labels} />
      </div>
      {/* Focusable so keyboard users can scroll wide values. */}
      <pre className="auteryn-json-body" tabIndex={0} data-truncated={shown.truncated || undefined}>
        {shown.truncated ? `${shown.text}\n…` : shown.text}
      </pre>
      {preview.truncated ? (
        <button
          type="button"
          className="auteryn-json-more"
          aria-expanded={expanded}
          onClick={() => setExpanded((current) => !current)}
        >
          {expanded ? labels.showLess : labels.showMore}
        </button>
      ) : null}
    </div>
  )
}
