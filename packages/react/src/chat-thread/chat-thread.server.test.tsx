// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { renderToString } from 'react-dom/server'
import { ChatThread } from './chat-thread'
import { ToolCallCard } from '../tool-call-card/tool-call-card'
import { conversation, longAnswer } from './story-fixtures'
import { Markdown } from '../markdown/markdown'

describe('server rendering', () => {
  it('renders the thread, cards and markdown without window or document', () => {
    expect(typeof window).toEqual('undefined')
    const html = renderToString(
      <>
        <ChatThread messages={conversation} status="idle" />
        <ToolCallCard
          tool="github"
          action="list_issues"
          state="done"
          result={{ n: 1 }}
          defaultOpen
        />
        <Markdown text={longAnswer} />
      </>,
    )
    expect(html).toContain('role="log"')
    expect(html).toContain('github.list_issues')
    expect(html).toContain('Suggested order')
  })
})
