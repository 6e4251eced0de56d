'use client'
import { useId } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { classNames } from '../class-names'
import { resolveLabels } from '../labels'
import type { Labels } from '../labels'
import { visuallyHidden } from '../status-region/visually-hidden'

export interface CreditBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Credits the run used. Nothing renders until it is known (`undefined`, `null` or not a number). */
  credits: number | null | undefined
  /** The run's wall time in milliseconds. Default: not shown. */
  durationMs?: number | null
  /** Credits used by the whole conversation, given as the badge's accessible description. Default: none. */
  total?: number | null
  /** Overrides for the strings (`credits`, `duration`, `totalCredits`). Default English `defaultLabels`. */
  labels?: Partial<Labels>
}

function isCount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** "6 credits · 3.2 s": what a run cost, with the conversation total for assistive technology. */
export function CreditBadge({
  credits,
  durationMs,
  total,
  labels: labelOverrides,
  className,
  ...rest
}: CreditBadgeProps) {
  const labels = resolveLabels(labelOverrides)
  const totalId = useId()
  if (!isCount(credits)) return null
  const text = isCount(durationMs)
    ? `${labels.credits(credits)} · ${labels.duration(durationMs)}`
    : labels.credits(credits)
  const hasTotal = isCount(total)
  return (
    <>
      <span
        {...rest}
        className={classNames('auteryn-credit-badge', className)}
        aria-describedby={hasTotal ? totalId : rest['aria-describedby']}
      >
        {text}
      </span>
      {/* A sibling, not a child, so the badge's own text stays exactly what it shows. */}
      {hasTotal && (
        <span id={totalId} style={visuallyHidden}>
          {labels.totalCredits(total)}
        </span>
      )}
    </>
  )
}
