import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { CreditBadge } from './credit-badge'

describe('CreditBadge', () => {
  afterEach(cleanup)

  it('shows credits and duration', () => {
    render(<CreditBadge credits={6} durationMs={3241} />)
    expect(screen.getByText('6 credits · 3.2 s').className).toBe('auteryn-credit-badge')
  })

  it('says credit in the singular for one', () => {
    render(<CreditBadge credits={1} durationMs={850} />)
    expect(screen.getByText('1 credit · 850 ms')).toBeDefined()
  })

  it('shows minutes for long runs and credits alone without a duration', () => {
    render(
      <>
        <CreditBadge credits={0} durationMs={65_000} />
        <CreditBadge credits={12} />
      </>,
    )
    expect(screen.getByText('0 credits · 1 min 5 s')).toBeDefined()
    expect(screen.getByText('12 credits')).toBeDefined()
  })

  it('renders nothing until credits are known and valid, and no total is given', () => {
    const { container } = render(
      <>
        <CreditBadge credits={undefined} durationMs={3241} />
        <CreditBadge credits={null} total={0} />
        <CreditBadge credits={Number.NaN} />
        <CreditBadge credits={Number.POSITIVE_INFINITY} />
        <CreditBadge credits={-1} />
      </>,
    )
    expect(container.innerHTML).toBe('')
  })

  it('shows the conversation total beside the run, but not when it only repeats the run', () => {
    render(
      <>
        <CreditBadge credits={6} durationMs={3241} total={14} />
        <CreditBadge credits={6} total={6} />
      </>,
    )
    expect(screen.getByText('6 credits · 3.2 s · 14 in this chat')).toBeDefined()
    expect(screen.getByText('6 credits')).toBeDefined()
  })

  it.each([
    ['running', '… · 14 in this chat'],
    ['stopped', 'Stopped · 14 in this chat'],
    ['failed', '14 in this chat'],
  ] as const)('while the latest run is %s, shows no stale credits: "%s"', (runState, text) => {
    // `credits` is the previous run's: the badge must not show it as the current run's.
    render(<CreditBadge credits={6} durationMs={3241} runState={runState} total={14} />)
    const badge = screen.getByText(text)
    expect(badge.dataset.state).toBe(runState)
  })

  it('shows only "…" while the first run is under way', () => {
    render(<CreditBadge credits={undefined} runState="running" total={0} />)
    expect(screen.getByText('…')).toBeDefined()
  })

  it('translates through labels and passes DOM props through', () => {
    render(
      <CreditBadge
        credits={2}
        durationMs={1500}
        total={3}
        className="mine"
        title="cost"
        labels={{
          credits: (count) => `${count} Credits`,
          duration: (ms) => `${ms / 1000} Sek.`,
          totalCredits: (count) => `${count} insgesamt`,
        }}
      />,
    )
    const badge = screen.getByText('2 Credits · 1.5 Sek. · 3 insgesamt')
    expect(badge.className).toBe('auteryn-credit-badge mine')
    expect(badge.getAttribute('title')).toBe('cost')
  })
})
