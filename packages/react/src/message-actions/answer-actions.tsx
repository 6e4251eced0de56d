'use client'
import type { AssistantMessage } from '@auteryn/client'
import { messageText } from '../agent-run/message-text'
import type { ChatLabels } from '../labels'
import { CopyButton } from '../markdown/copy-button'
import { FeedbackButtons } from './feedback-buttons'
import { markdownToPlainText } from './plain-text'
import type { ThreadActions } from './thread-actions'
import { VersionPager } from './version-pager'

export interface AnswerActionsProps {
  /** The answer as shown: the latest, or an earlier version paged to. */
  message: AssistantMessage
  /** How many earlier versions the answer has. */
  versionCount: number
  labels: ChatLabels
  actions: ThreadActions
}

/**
 * The actions under a settled answer. An earlier version offers copying and paging only: it
 * can no longer be regenerated or rated.
 */
export function AnswerActions({ message, versionCount, labels, actions }: AnswerActionsProps) {
  const shown = actions.shownVersions.get(message.id) ?? versionCount
  const latest = shown === versionCount
  const text = messageText(message)
  const custom = latest ? actions.custom.filter((action) => action.when?.(message) ?? true) : []
  const regenerate = latest && actions.regenerableId === message.id ? actions.regenerate : undefined
  const feedback = latest && message.status === 'complete' ? actions.feedback : undefined
  const copy = actions.copy && text !== ''
  if (!copy && !regenerate && !feedback && custom.length === 0 && versionCount === 0) return null
  return (
    <div className="auteryn-message-actions" role="group" aria-label={labels.messageActions}>
      {versionCount > 0 ? (
        <VersionPager
          index={shown}
          count={versionCount + 1}
          onChange={(index) => actions.showVersion(message.id, index)}
          labels={labels}
        />
      ) : null}
      {copy ? (
        <>
          <CopyButton
            className="auteryn-message-action"
            text={text}
            label={labels.copyMarkdown}
            labels={labels}
          />
          <CopyButton
            className="auteryn-message-action"
            text={() => markdownToPlainText(text)}
            label={labels.copyText}
            labels={{ ...labels, copy: labels.copyText }}
          />
        </>
      ) : null}
      {regenerate ? (
        <button
          type="button"
          className="auteryn-message-action"
          // The API cannot rewind the agent's history: say so where the user meets it.
          title={labels.regenerateHint}
          onClick={() => regenerate(message.id)}
        >
          {labels.regenerate}
        </button>
      ) : null}
      {feedback ? (
        <FeedbackButtons message={message} labels={labels} onFeedback={feedback} />
      ) : null}
      {custom.map((action) => (
        <button
          key={action.id}
          type="button"
          className="auteryn-message-action"
          onClick={() => action.onSelect(message)}
        >
          {action.icon ? <span aria-hidden="true">{action.icon}</span> : null}
          {action.label}
        </button>
      ))}
      {versionCount > 0 ? <p className="auteryn-message-hint">{labels.versionsHint}</p> : null}
    </div>
  )
}
