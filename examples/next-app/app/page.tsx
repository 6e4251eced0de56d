// A server component: @auteryn/react's build marks its modules 'use client', so the chat and its
// list of conversations render here on the server for the first paint and hydrate in the browser.
import { AgentChatWithThreads } from '@auteryn/react'

export default function Home() {
  return (
    <main>
      <h1>Support</h1>
      <AgentChatWithThreads
        endpoint="/api/run"
        title="Ask the agent"
        suggestions={['What are the open P1 bugs?', 'Find a slot for a review tomorrow']}
      />
    </main>
  )
}
