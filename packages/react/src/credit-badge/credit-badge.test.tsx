import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { CreditBadge } from './credit-badge'

/** The text of the elements named by aria-describedby, as assistive technology reads it. */
function accessibleDescription(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? []
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

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

  it('renders nothing until credits are known and valid', () => {
    const { container } = render(
      <>
        <CreditBadge credits={undefined} durationMs={3241} total={14} />
        <CreditBadge credits={null} />
        <CreditBadge credits={Number.NaN} />
        <CreditBadge credits={Number.POSITIVE_INFINITY} />
        <CreditBadge credits={-1} />
      </>,
    )
    expect(container.innerHTML).toBe('')
  })

  it('gives the conversation total as its accessible description', () => {
    render(<CreditBadge credits={6} durationMs={3241} total={14} />)
    const badge = screen.getByText('6 credits · 3.2 s')
    expect(accessibleDescription(badge)).toBe('14 credits in this conversation')
  })

  it('has no description without a total', () => {
    render(<CreditBadge credits={6} />)
    expect(accessibleDescription(screen.getByText('6 credits'))).toBe('')
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
    const badge = screen.getByText('2 Credits · 1.5 Sek.')
    expect(badge.className).toBe('auteryn-credit-badge mine')
    expect(badge.getAttribute('title')).toBe('cost')
    expect(accessibleDescription(badge)).toBe('3 insgesamt')
  })
})
