// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { AgentChatWithThreads } from './agent-chat-with-threads'

// A server has no storage: it renders the list as loading and the chat's frame, never a crash.
test('renders on the server without touching browser globals: the list and a disabled chat', () => {
  expect(typeof window).toBe('undefined')
  const html = renderToString(
    <AgentChatWithThreads title="Support" suggestions={['What are the open P1 bugs?']} />,
  )
  expect(html).toContain('New conversation')
  // A returning user's list is not "empty" before it is read.
  expect(html).toContain('Loading conversations…')
  expect(html).not.toContain('No conversations yet.')
  // The first paint is the chat: title, suggestions and composer, in a disabled, busy frame.
  expect(html).toMatch(
    /<fieldset class="[^"]*auteryn-threads-loading"[^>]*disabled=""[^>]*aria-busy="true"><section class="auteryn-root auteryn-chat"/,
  )
  expect(html).toMatch(/<h2 id="[^"]+" class="auteryn-chat-title">Support<\/h2>/)
  expect(html).toContain('What are the open P1 bugs?')
  expect(html).toMatch(/<label for="([^"]+)"[^>]*>Message<\/label><textarea id="\1"/)
})
