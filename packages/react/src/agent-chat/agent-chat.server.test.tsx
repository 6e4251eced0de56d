// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { AgentChat } from './agent-chat'

// Server rendering has no window, document or requestAnimationFrame.
test('renders on the server without touching browser globals', () => {
  expect(typeof window).toBe('undefined')
  const html = renderToString(<AgentChat suggestions={['Any open P1 bugs?']} title="Support" />)
  expect(html).toContain('data-state="idle"')
  expect(html).toContain('Any open P1 bugs?')
})
