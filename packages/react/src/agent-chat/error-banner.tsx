'use client'
import { useEffect, useId, useState } from 'react'
import type { AgentRunErrorInfo } from '@auteryn/client'
import { resolveLabels, type Labels } from '../labels'
import { visuallyHidden } from '../status-region/visually-hidden'
import { describeError } from './describe-error'

export interface ErrorBannerProps {
  /** The failed run's error (the conversation's `error`), which picks the words. Required. */
  error: AgentRunErrorInfo
  /**
   * Re-sends the failed question; not called while a rate limit runs out. No Retry button when
   * absent. Default: none.
   */
  onRetry?: () => void
  /** Hides the banner; no Dismiss button when absent. Default: none. */
  onDismiss?: () => void
  /** Overrides for the banner's strings. Default English `defaultLabels`. */
  labels?: Partial<Labels>
}

function secondsUntil(deadline: number): number {
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
}

/** Whole seconds left of `waitMs`, counted from when the error appeared; 0 when there is nothing to wait for. */
function useCountdown(waitMs: number | undefined, error: AgentRunErrorInfo): number {
  const [remaining, setRemaining] = useState(() => Math.ceil((waitMs ?? 0) / 1000))
  useEffect(() => {
    const deadline = Date.now() + (waitMs ?? 0)
    setRemaining(secondsUntil(deadline))
    if (!waitMs) return
    const timer = setInterval(() => {
      const left = secondsUntil(deadline)
      setRemaining(left)
      if (left === 0) clearInterval(timer)
    }, 250)
    return () => clearInterval(timer)
  }, [waitMs, error])
  return remaining
}

/**
 * Says what went wrong with the last run and what to do; Retry waits out a rate limit. Assistive
 * technology hears the failure once, assertively, and (after a rate limit) once more, politely,
 * when Retry works again: never each tick of the countdown.
 */
export function ErrorBanner({
  error,
  onRetry,
  onDismiss,
  labels: labelOverrides,
}: ErrorBannerProps) {
  const labels = resolveLabels(labelOverrides)
  const textId = useId()
  const waitMs =
    error.kind === 'http' && error.status === 429 ? (error.retryAfterMs ?? 0) : undefined
  const remaining = useCountdown(waitMs, error)
  const waiting = remaining > 0
  const description = describeError(error, labels)
  return (
    <div
      className="auteryn-error-banner"
      data-state={waiting ? 'waiting' : 'ready'}
      data-kind={error.kind}
      data-status={error.status}
    >
      {waitMs === undefined ? (
        <p id={textId} className="auteryn-error-banner-text" role="alert">
          {description.text}
        </p>
      ) : (
        <>
          {/* A live region would read this out again on every tick; the two below speak for it. */}
          <p id={textId} className="auteryn-error-banner-text" aria-hidden="true">
            {labels.errorRateLimited(remaining)}
          </p>
          {/* Emptied once Retry works, so that reading the page later meets no stale wait. */}
          <p role="alert" style={visuallyHidden}>
            {waiting || waitMs === 0 ? labels.errorRateLimited(Math.ceil(waitMs / 1000)) : ''}
          </p>
          <p role="status" style={visuallyHidden}>
            {waitMs > 0 && !waiting ? labels.retryAvailable : ''}
          </p>
        </>
      )}
      {description.retryable && onRetry ? (
        // aria-disabled, not disabled: while a rate limit runs out, keyboard users can still reach
        // Retry and hear how long is left in its description (the countdown, read on focus, never
        // live); the click is ignored until then.
        <button
          type="button"
          className="auteryn-retry"
          aria-disabled={waiting || undefined}
          aria-describedby={textId}
          onClick={waiting ? undefined : onRetry}
        >
          {labels.retry}
        </button>
      ) : null}
      {onDismiss ? (
        <button
          type="button"
          className="auteryn-error-banner-dismiss"
          aria-label={labels.dismiss}
          title={labels.dismiss}
          onClick={onDismiss}
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  )
}
