'use client'
import { memo, useId, type ReactNode } from 'react'
import type { AssistantMessage, Message, ToolPart } from '@auteryn/client'
import type { ChatLabels } from '../labels'
import { Markdown } from '../markdown/markdown'
import type { CodeHighlighter } from '../markdown/code-block'
import type { ImageAllowlist } from '../markdown/safe-url'
import { ToolCallCard } from '../tool-call-card/tool-call-card'
import { findToolRenderer, type ToolRenderers } from '../tool-call-card/tool-renderers'
import { AnswerActions } from '../message-actions/answer-actions'
import { QuestionView } from '../message-actions/question-view'
import type { ThreadActions } from '../message-actions/thread-actions'

export type RenderTool = (part: ToolPart, message: AssistantMessage) => ReactNode

export interface MessageViewProps {
  message: Message
  labels: ChatLabels
  renderTool?: RenderTool
  toolRenderers?: ToolRenderers
  imageAllowlist?: ImageAllowlist
  highlightCode?: CodeHighlighter
  inlineErrors: boolean
  onRetry?: (messageId: string) => void
  /** Copy, regenerate, edit, feedback and versions; none without it. */
  actions?: ThreadActions
}

function ToolView({
  part,
  message,
  labels,
  renderTool,
  toolRenderers,
}: { part: ToolPart; message: AssistantMessage } & Omit<MessageViewProps, 'message'>) {
  const custom = renderTool?.(part, message)
  if (custom !== undefined) return <>{custom}</>
  const Renderer = findToolRenderer(toolRenderers, part)
  if (Renderer) return <Renderer part={part} message={message} />
  return (
    <ToolCallCard
      tool={part.tool}
      action={part.action}
      params={part.params}
      result={part.result}
      state={part.state}
      durationMs={part.durationMs}
      labels={labels}
    />
  )
}

function isFailure(message: AssistantMessage) {
  return message.status === 'interrupted' || message.status === 'error'
}

function Outcome({
  message,
  labels,
  inlineErrors,
  onRetry,
}: Omit<MessageViewProps, 'message'> & {
  message: AssistantMessage
}) {
  const errorId = useId()
  if (message.status === 'stopped') {
    return <p className="auteryn-message-note">{labels.stopped}</p>
  }
  if (!isFailure(message)) return null
  // Another element says why and offers Retry: saying it here too would say it twice.
  if (!inlineErrors) return <p className="auteryn-message-note">{labels.answerNotFinished}</p>
  const fallback = message.status === 'interrupted' ? labels.interrupted : labels.toolStates.error
  return (
    <div className="auteryn-message-error">
      {/* The server's words, untrusted: rendered as text, never as markup. */}
      <p id={errorId}>{message.error?.message || fallback}</p>
      {onRetry ? (
        <button
          type="button"
          className="auteryn-retry"
          aria-describedby={errorId}
          onClick={() => onRetry(message.id)}
        >
          {labels.retry}
        </button>
      ) : null}
    </div>
  )
}

/**
 * One message. Memoised on its props: the reducer gives a settled message the same object on
 * every chunk, so only the message being written re-renders.
 */
export const MessageView = memo(function MessageView(props: MessageViewProps) {
  const { message, labels, imageAllowlist, highlightCode } = props
  if (message.role === 'user') {
    return <QuestionView message={message} labels={labels} actions={props.actions} />
  }
  const streaming = message.status === 'streaming'
  const last = message.parts.at(-1)
  // A request that failed before any answer started: another element says why (the banner),
  // and an empty answer saying it "did not finish" would only repeat it. One with versions
  // stays, or paging to an empty version would take the pager away with it.
  const versioned = (message.versions?.length ?? 0) > 0
  if (!props.inlineErrors && last === undefined && isFailure(message) && !versioned) return null
  return (
    <article
      className="auteryn-message"
      data-role="assistant"
      data-state={message.status}
      aria-label={labels.assistant}
      aria-busy={streaming || undefined}
    >
      <div className="auteryn-message-body">
        {message.parts.map((part, index) =>
          part.kind === 'text' ? (
            <Markdown
              key={`text:${index}`}
              text={part.text}
              streaming={streaming && part === last}
              labels={labels}
              imageAllowlist={imageAllowlist}
              highlightCode={highlightCode}
            />
          ) : (
            <ToolView key={part.id} {...props} part={part} message={message} />
          ),
        )}
        {streaming && last?.kind !== 'text' ? (
          <span className="auteryn-caret auteryn-caret-waiting" aria-hidden="true" />
        ) : null}
      </div>
      <Outcome {...props} message={message} />
      {props.actions && !streaming ? (
        <AnswerActions
          message={message}
          versionCount={message.versions?.length ?? 0}
          labels={labels}
          actions={props.actions}
        />
      ) : null}
    </article>
  )
})
