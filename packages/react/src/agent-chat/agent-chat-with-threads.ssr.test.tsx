// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { AgentChatWithThreads } from './agent-chat-with-threads'

// A server has no storage: it renders the list and a chat that is still loading, never a crash.
test('renders on the server without touching browser globals', () => {
  expect(typeof window).toBe('undefined')
  const html = renderToString(<AgentChatWithThreads title="Support" />)
  expect(html).toContain('New conversation')
  expect(html).toContain('aria-busy="true"')
})
