import { AgentChatWithThreads } from '@auteryn/react'
import type { Theme } from '../use-theme'
import { useCodeHighlighter } from '../use-code-highlighter'

const storageKey = 'auteryn-demo:threads'

const suggestions = [
  'Which P1 bugs are still open?',
  'Find a slot to meet Dana next week',
  'Search the latest news on WebGPU',
]

/** The drop-in: one component, an endpoint and a few props, with its conversations beside it. */
export function DropInPage({ endpoint, theme }: { endpoint: string; theme: Theme }) {
  const highlightCode = useCodeHighlighter()
  return (
    <div className="drop-in">
      <div className="page-intro">
        <p className="page-intro-detail">
          <code>{'<AgentChatWithThreads endpoint="/api/run" />'}</code>: conversations beside the
          chat, tool cards, credits, errors and Stop; copy, regenerate, edit and rate answers.
        </p>
        <p className="page-intro-short">
          <code>{'<AgentChatWithThreads>'}</code>
        </p>
      </div>
      <AgentChatWithThreads
        className="drop-in-chat"
        endpoint={endpoint}
        threads={{ key: storageKey }}
        theme={theme}
        title="Ask the agent"
        suggestions={suggestions}
        highlightCode={highlightCode}
      />
    </div>
  )
}
