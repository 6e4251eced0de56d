'use client'
import type { ComponentPropsWithoutRef } from 'react'
import { classNames } from '../class-names'
import { resolveLabels, type ChatLabels, type Labels } from '../labels'

/** Where the latest run stands, as the badge shows it. */
export type CreditRunState = 'running' | 'complete' | 'stopped' | 'failed'

export interface CreditBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Credits the latest run used; shown once it completed (`undefined`, `null` or not a number: not shown). */
  credits: number | null | undefined
  /**
   * The latest run's state: `running` shows `labels.creditsPending` ("…"), `stopped` shows
   * `labels.stopped` without a number, `failed` shows no run. Default: `complete` when `credits`
   * is a number, else no run.
   */
  runState?: CreditRunState
  /** The run's wall time in milliseconds, shown with a completed run's credits. Default: not shown. */
  durationMs?: number | null
  /**
   * Credits used by the whole conversation, shown as "14 in this chat" (not when it only
   * repeats a completed first run's credits). Default: none.
   */
  total?: number | null
  /** Overrides for the strings (`credits`, `creditsPending`, `stopped`, `duration`, `totalCredits`). Default English `defaultLabels`. */
  labels?: Partial<Labels>
}

function isCount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

function runText(
  state: CreditRunState | undefined,
  credits: number | null | undefined,
  durationMs: number | null | undefined,
  labels: ChatLabels,
): string | undefined {
  if (state === 'running') return labels.creditsPending
  if (state === 'stopped') return labels.stopped
  if (state === 'failed' || !isCount(credits)) return undefined
  return isCount(durationMs)
    ? `${labels.credits(credits)} · ${labels.duration(durationMs)}`
    : labels.credits(credits)
}

/** "6 credits · 3.2 s · 14 in this chat": what the latest run cost, and the conversation so far. */
export function CreditBadge({
  credits,
  runState,
  durationMs,
  total,
  labels: labelOverrides,
  className,
  ...rest
}: CreditBadgeProps) {
  const labels = resolveLabels(labelOverrides)
  const state = runState ?? (isCount(credits) ? 'complete' : undefined)
  const run = runText(state, credits, durationMs, labels)
  const repeatsRun = state === 'complete' && total === credits
  const sum = isCount(total) && total > 0 && !repeatsRun ? labels.totalCredits(total) : undefined
  const text = [run, sum].filter((part) => part !== undefined).join(' · ')
  if (text === '') return null
  return (
    <span {...rest} className={classNames('auteryn-credit-badge', className)} data-state={state}>
      {text}
    </span>
  )
}
