// A server component: @auteryn/react's build marks its modules 'use client', so the chat renders
// here on the server for the first paint and hydrates in the browser.
import { AgentChat } from '@auteryn/react'

export default function Home() {
  return (
    <main>
      <h1>Support</h1>
      <AgentChat
        endpoint="/api/run"
        persist
        title="Ask the agent"
        suggestions={['What are the open P1 bugs?', 'Find a slot for a review tomorrow']}
      />
    </main>
  )
}
