import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { AgentRunErrorInfo } from '@auteryn/client'
import { liveRegionTexts } from '../status-region/live-regions'
import { ErrorBanner } from './error-banner'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const http = (status: number, extra: Partial<AgentRunErrorInfo> = {}): AgentRunErrorInfo => ({
  kind: 'http',
  status,
  message: `HTTP ${status}`,
  ...extra,
})

/** The Retry button, found only if its accessible description is `description`. */
const retryDescribedAs = (description: string | RegExp) =>
  screen.getByRole('button', { name: 'Retry', description })

describe('ErrorBanner', () => {
  test.each([
    [http(401), 'The assistant is unavailable right now. Please try again later.', false],
    [http(403), 'The assistant is unavailable right now. Please try again later.', false],
    [
      http(402),
      'This workspace is out of credits. Ask its owner to add credits, then retry.',
      true,
    ],
    [http(404), 'The assistant is unavailable right now. Please try again later.', false],
    [http(503), 'The assistant ran into a problem. Retry in a moment.', true],
    [
      { kind: 'network', message: 'Failed to fetch' },
      'Could not reach the assistant. Check your connection, then retry.',
      true,
    ],
    [
      { kind: 'interrupted', message: 'closed' },
      'The answer was cut off before it finished. Retry to ask again.',
      true,
    ],
    [
      { kind: 'timeout', message: 'idle' },
      'The assistant stopped responding. Retry to ask again.',
      true,
    ],
    [
      { kind: 'run_failed', message: 'Step limit reached' },
      'The assistant could not finish this answer. Retry to ask again.',
      true,
    ],
  ] as const)('%o says what happened and what to do', (error, text, retryable) => {
    render(<ErrorBanner error={error} onRetry={() => undefined} onDismiss={() => undefined} />)
    expect(liveRegionTexts()).toEqual([text])
    expect(screen.queryByRole('button', { name: 'Retry' }) !== null).toBe(retryable)
  })

  test('a rate limit counts down; Retry stays reachable but does nothing until Retry-After has elapsed', () => {
    vi.useFakeTimers()
    const onRetry = vi.fn()
    render(<ErrorBanner error={http(429, { retryAfterMs: 2000 })} onRetry={onRetry} />)
    const retry = screen.getByRole('button', { name: 'Retry' })
    expect(
      screen.getByText('Too many requests. You can retry in 2 seconds.', {
        selector: '.auteryn-error-banner-text',
      }),
    ).toBeTruthy()
    expect(retry.getAttribute('aria-disabled')).toEqual('true')
    // Focusable while waiting, and its description says how long is left.
    retry.focus()
    expect(document.activeElement).toBe(retry)
    expect(retryDescribedAs('Too many requests. You can retry in 2 seconds.')).toBe(retry)
    fireEvent.click(retry)
    expect(onRetry).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1000))
    expect(retryDescribedAs('Too many requests. You can retry in 1 second.')).toBe(retry)
    fireEvent.click(retry)
    expect(onRetry).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1000))
    expect(retryDescribedAs('Too many requests. You can retry now.')).toBe(retry)
    expect(retry.getAttribute('aria-disabled')).toBeNull()
    fireEvent.click(retry)
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  test('a rate limit is heard once on arrival and once when Retry is ready, never each tick', () => {
    vi.useFakeTimers()
    render(<ErrorBanner error={http(429, { retryAfterMs: 30_000 })} onRetry={() => undefined} />)
    const arrival = ['Too many requests. You can retry in 30 seconds.']
    expect(liveRegionTexts()).toEqual(arrival)
    expect(screen.getByRole('alert').textContent).toEqual(arrival[0])
    const retry = screen.getByRole('button', { name: 'Retry' })
    for (let second = 29; second > 0; second--) {
      act(() => vi.advanceTimersByTime(1000))
      // Sighted users see the time left; the description, read on focus, has it too.
      const left = `Too many requests. You can retry in ${second} ${second === 1 ? 'second' : 'seconds'}.`
      expect(screen.getByRole('button', { name: 'Retry', description: left })).toBe(retry)
      expect(liveRegionTexts()).toEqual(arrival)
    }
    // The description is read when asked for, never spoken as it changes.
    const described = document.getElementById(retry.getAttribute('aria-describedby') ?? '')
    expect(described?.closest('[role], [aria-live]')).toBeNull()
    // Reading the banner line by line meets the wait once, not once said and once shown.
    const readable = screen.getByRole('alert').parentElement!.cloneNode(true) as HTMLElement
    for (const hidden of readable.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
    expect(readable.textContent).toEqual(`${arrival[0]}Retry`)
    act(() => vi.advanceTimersByTime(1000))
    // Ready: said once, and the arrival wording is gone, so reading the page later meets no
    // stale wait.
    expect(liveRegionTexts()).toEqual(['You can retry now.'])
    expect(screen.getByRole('status').textContent).toEqual('You can retry now.')
    act(() => vi.advanceTimersByTime(10_000))
    expect(liveRegionTexts()).toEqual(['You can retry now.'])
  })

  test('a rate limit without Retry-After can be retried at once and says so once', () => {
    vi.useFakeTimers()
    render(<ErrorBanner error={http(429)} onRetry={() => undefined} />)
    expect(liveRegionTexts()).toEqual(['Too many requests. You can retry now.'])
    expect(screen.getByRole('button', { name: 'Retry' }).getAttribute('aria-disabled')).toBeNull()
    act(() => vi.advanceTimersByTime(5000))
    expect(liveRegionTexts()).toEqual(['Too many requests. You can retry now.'])
  })

  test('the alert is the message alone, not the buttons beside it', () => {
    render(<ErrorBanner error={http(503)} onRetry={() => undefined} onDismiss={() => undefined} />)
    expect(liveRegionTexts()).toEqual(['The assistant ran into a problem. Retry in a moment.'])
    expect(retryDescribedAs('The assistant ran into a problem. Retry in a moment.')).toBeTruthy()
  })

  test('Retry and Dismiss call back once per click', async () => {
    const onRetry = vi.fn()
    const onDismiss = vi.fn()
    render(
      <ErrorBanner
        error={{ kind: 'network', message: 'x' }}
        onRetry={onRetry}
        onDismiss={onDismiss}
      />,
    )
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    await user.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(onDismiss).toHaveBeenCalledTimes(1)
  })

  test('labels translate the banner', () => {
    render(
      <ErrorBanner
        error={http(402)}
        onRetry={() => undefined}
        labels={{ errorOutOfCredits: 'Plus de crédits.', retry: 'Réessayer' }}
      />,
    )
    expect(screen.getByRole('alert').textContent).toContain('Plus de crédits.')
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy()
  })
})
