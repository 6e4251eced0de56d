import { useAgentRun } from '@auteryn/react'
import { SupportPanel } from '../support-panel/support-panel'

const invoices = [
  { id: 'INV-2041', date: 'Nov 1, 2026', amount: '$480.00', status: 'Paid' },
  { id: 'INV-1987', date: 'Oct 1, 2026', amount: '$452.10', status: 'Paid' },
  { id: 'INV-1932', date: 'Sep 1, 2026', amount: '$398.75', status: 'Paid' },
]

/**
 * What a team would build on `useAgentRun`: its own page, and a compact assistant panel beside it
 * with its own markup and styles. Only the hook (and `CreditBadge`) come from the kit.
 */
export function SupportPanelPage({ endpoint }: { endpoint: string }) {
  const run = useAgentRun({ endpoint, persist: { key: 'auteryn-demo:support' } })
  return (
    <div className="support-layout">
      <section className="product-page" aria-labelledby="billing-title">
        <p className="eyebrow">Acme Cloud · Settings</p>
        <h2 id="billing-title">Billing and usage</h2>
        <div className="stat-grid">
          <div className="stat">
            <p className="stat-label">Plan</p>
            <p className="stat-value">Team</p>
            <p className="stat-note">12 seats, billed monthly</p>
          </div>
          <div className="stat">
            <p className="stat-label">This month</p>
            <p className="stat-value">$312.40</p>
            <div
              className="meter"
              role="meter"
              aria-label="Budget used"
              aria-valuenow={65}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <span style={{ width: '65%' }} />
            </div>
            <p className="stat-note">65% of the $480 budget</p>
          </div>
          <div className="stat">
            <p className="stat-label">Next invoice</p>
            <p className="stat-value">Dec 1</p>
            <p className="stat-note">Visa ending 4242</p>
          </div>
        </div>
        <h3>Invoices</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Date</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                <td>{invoice.id}</td>
                <td>{invoice.date}</td>
                <td>{invoice.amount}</td>
                <td>
                  <span className="pill">{invoice.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SupportPanel run={run} />
    </div>
  )
}
