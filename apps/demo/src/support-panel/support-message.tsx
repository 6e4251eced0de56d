import { memo } from 'react'
import { Markdown } from '@auteryn/react'
import type { Message, ToolPart } from '@auteryn/client'

const statusNotes: Record<string, string> = {
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  error: 'Failed',
}

/** One bubble. Streamed text is rendered as React text, never as HTML. */
export const SupportMessage = memo(function SupportMessage({ message }: { message: Message }) {
  if (message.role === 'user') {
    return (
      <li className="bubble bubble-user">
        <span className="visually-hidden">You: </span>
        {message.text}
      </li>
    )
  }
  const note = statusNotes[message.status]
  const streaming = message.status === 'streaming'
  // A run refused before any answer (402, 429…) has nothing to show; the panel's alert says why.
  if (message.parts.length === 0 && !streaming) return null
  return (
    <li className="bubble bubble-assistant" data-state={message.status}>
      <span className="visually-hidden">Assistant: </span>
      {message.parts.map((part, index) =>
        part.kind === 'text' ? (
          <Markdown
            key={index}
            className="bubble-text"
            text={part.text}
            streaming={streaming && index === message.parts.length - 1}
          />
        ) : (
          <ToolLine key={part.id} part={part} />
        ),
      )}
      {streaming && message.parts.length === 0 && (
        <span className="typing" aria-label="Assistant is typing" role="img" />
      )}
      {note && <p className="bubble-note">{note}</p>}
    </li>
  )
})

function ToolLine({ part }: { part: ToolPart }) {
  return (
    <p className="tool-line" data-state={part.state}>
      <span className="tool-line-icon" aria-hidden="true" />
      <code>
        {part.tool}
        {part.action ? `.${part.action}` : ''}
      </code>
      <span className="tool-line-state">
        {part.state === 'done' ? 'done' : part.state.replace('-', ' ')}
      </span>
    </p>
  )
}
