import { useState } from 'react'
import { AgentChat } from '@auteryn/react'
import type { Theme } from '../use-theme'
import { NewConversationButton } from '../new-conversation-button'

const storageKey = 'auteryn-demo:chat'

const suggestions = [
  'Which P1 bugs are still open?',
  'Find a slot to meet Dana next week',
  'Search the latest news on WebGPU',
]

/** The drop-in: one component, an endpoint and a few props. */
export function DropInPage({ endpoint, theme }: { endpoint: string; theme: Theme }) {
  // A new mount is a new conversation: unmounting aborts any live run, and the fresh store starts
  // from empty storage, so the next question gets a new task_id.
  const [generation, setGeneration] = useState(0)

  function startOver() {
    localStorage.removeItem(storageKey)
    setGeneration((current) => current + 1)
  }

  return (
    <div className="drop-in">
      <div className="page-intro">
        <p className="page-intro-detail">
          <code>{'<AgentChat endpoint="/api/run" persist />'}</code>: thread, tool cards, credits,
          errors and Stop in one component.
        </p>
        <p className="page-intro-short">
          <code>{'<AgentChat>'}</code>
        </p>
        <NewConversationButton onClick={startOver} />
      </div>
      <AgentChat
        key={generation}
        className="drop-in-chat"
        endpoint={endpoint}
        persist={{ key: storageKey }}
        theme={theme}
        title="Ask the agent"
        suggestions={suggestions}
      />
    </div>
  )
}
