// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { renderToString } from 'react-dom/server'
import { Composer } from './composer'
import { CreditBadge } from '../credit-badge/credit-badge'
import { StatusRegion } from '../status-region/status-region'

describe('server rendering', () => {
  it('renders the composer, badge and status region without a window', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <>
        <Composer onSend={() => {}} onStop={() => {}} status="streaming" />
        <CreditBadge credits={6} durationMs={3241} total={14} />
        <StatusRegion status="idle" messages={[]} />
      </>,
    )
    expect(html).toContain('data-state="streaming"')
    expect(html).toContain('aria-label="Stop"')
    expect(html).toContain('6 credits · 3.2 s')
    expect(html).toContain('role="status"')
  })
})
