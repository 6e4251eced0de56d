'use client'
import { useId, useState, type HTMLAttributes } from 'react'
import type { JsonValue, ToolState } from '@auteryn/client'
import { classNames } from '../class-names'
import { resolveLabels, type Labels } from '../labels'
import { JsonView } from './json-view'
import { summarizeParams } from './summarize-params'

export interface ToolCallCardProps extends Omit<
  HTMLAttributes<HTMLDivElement>,
  'title' | 'children'
> {
  /** The tool's name, e.g. `github`. */
  tool: string
  /** The action called, e.g. `list_issues`. Absent for a result that matched no call. */
  action?: string
  /** The call's parameters (untrusted JSON, shown as text). */
  params?: JsonValue
  /** The tool's result (untrusted JSON, shown as text). */
  result?: JsonValue
  state: ToolState
  /** Time the call took (from its call to its result), shown beside the state. Default: not shown. */
  durationMs?: number
  /** Strings shown. Default: English `defaultLabels`. */
  labels?: Partial<Labels>
  /** Whether the details start expanded. Default: false. */
  defaultOpen?: boolean
}

/**
 * One tool call: a collapsible card titled `tool.action` (or `labels.toolName`), with a one-line
 * summary of its parameters, its state, its duration, and the parameters and result inside.
 */
export function ToolCallCard({
  tool,
  action,
  params,
  result,
  state,
  durationMs,
  labels,
  defaultOpen = false,
  className,
  ...rest
}: ToolCallCardProps) {
  const resolved = resolveLabels(labels)
  const [open, setOpen] = useState(defaultOpen)
  const id = useId()
  const title = resolved.toolName(tool, action)
  const summary = summarizeParams(params)
  const hasResult = result !== undefined

  return (
    <div
      className={classNames('auteryn-tool-card', className)}
      data-state={state}
      data-open={open}
      {...rest}
    >
      <button
        type="button"
        className="auteryn-tool-card-toggle"
        aria-expanded={open}
        aria-controls={`${id}-details`}
        onClick={() => setOpen((current) => !current)}
      >
        <span className="auteryn-tool-card-chevron" aria-hidden="true" />
        <span className="auteryn-tool-card-title">{title}</span>
        {summary !== undefined ? (
          // Untrusted text from the call, rendered as text; `dir="auto"` for any script.
          <span className="auteryn-tool-card-summary" dir="auto">
            {summary}
          </span>
        ) : null}
        <span className="auteryn-tool-card-badge">{resolved.toolStates[state]}</span>
        {durationMs !== undefined ? (
          <span className="auteryn-tool-card-duration">{resolved.duration(durationMs)}</span>
        ) : null}
      </button>
      <div id={`${id}-details`} className="auteryn-tool-card-details" hidden={!open}>
        {open ? (
          <>
            {action !== undefined ? (
              <JsonView
                value={params ?? {}}
                title={resolved.params}
                copyLabel={resolved.copyParams}
                labels={resolved}
              />
            ) : null}
            {hasResult ? (
              <JsonView
                value={result ?? null}
                title={resolved.result}
                copyLabel={resolved.copyResult}
                labels={resolved}
              />
            ) : null}
            {state === 'no-result' ? (
              <p className="auteryn-tool-card-note">{resolved.noResult}</p>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  )
}
