'use client'
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react'
import type {
  AssistantMessage,
  ConversationStatus,
  Message,
  MessageFeedback,
} from '@auteryn/client'
import { classNames } from '../class-names'
import { resolveLabels, type Labels } from '../labels'
import type { CodeHighlighter } from '../markdown/code-block'
import type { ImageAllowlist } from '../markdown/safe-url'
import type { ToolRenderers } from '../tool-call-card/tool-renderers'
import type { MessageActionOptions } from '../message-actions/thread-actions'
import { useThreadActions } from '../message-actions/use-thread-actions'
import { groupMessages, MessageGroup } from './message-group'
import type { RenderTool } from './message-view'
import { useStickToBottom } from './use-stick-to-bottom'

export interface ChatThreadProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The conversation, oldest first. Settled messages should keep their identity (the store does). */
  messages: readonly Message[]
  /** The conversation's status, shown as `data-state`. Default: 'idle'. */
  status?: ConversationStatus
  /**
   * Renders any tool part; return `undefined` to fall back to `toolRenderers` and the card.
   * Keep it stable (module scope or useCallback): a new function re-renders every message.
   * Default: none.
   */
  renderTool?: RenderTool
  /** Custom views by `tool.action`, then `tool`, then `*`. Default: `<ToolCallCard>` for all. */
  toolRenderers?: ToolRenderers
  /** Shown when there are no messages. Default: `labels.emptyTitle` and `labels.emptyDescription`. */
  emptyState?: ReactNode
  /** Strings shown. Default: English `defaultLabels`. */
  labels?: Partial<Labels>
  /** Remote markdown images load only from these origins/hosts (or when the predicate allows). Default: none. */
  imageAllowlist?: ImageAllowlist
  /** Highlights closed code blocks; keep it stable (see `CodeHighlighter`). Default: none. */
  highlightCode?: CodeHighlighter
  /** Called by the Retry button of an interrupted or failed answer. Default: no Retry button. */
  onRetry?: (messageId: string) => void
  /**
   * Say under a failed answer what went wrong (the error's own text) and offer Retry there.
   * Pass `false` when something else says it, as `<AgentChat>`'s banner does: the answer then
   * shows only `labels.answerNotFinished`, with no Retry. Default: `true`.
   */
  inlineErrors?: boolean
  /**
   * Actions under messages: copy, regenerate, edit, feedback (each on unless set `false`, and
   * regenerate, edit and feedback only with their callbacks), and the app's own. Default `false`:
   * none.
   */
  actions?: MessageActionOptions | false
  /** "Regenerate" on the last answer: a new run of its question. Default: no Regenerate. */
  onRegenerate?: (messageId: string) => void
  /** "Edit" on the last question: the new text, to send again. Default: no Edit. */
  onEdit?: (messageId: string, text: string) => void
  /** A rating given, commented or taken back (`undefined`). Default: no feedback buttons. */
  onFeedback?: (message: AssistantMessage, feedback: MessageFeedback | undefined) => void
}

/** The conversation: messages in order, pinned to the latest while it streams. */
export function ChatThread({
  messages,
  status = 'idle',
  renderTool,
  toolRenderers,
  emptyState,
  labels,
  imageAllowlist,
  highlightCode,
  onRetry,
  inlineErrors = true,
  actions: actionOptions = false,
  onRegenerate,
  onEdit,
  onFeedback,
  className,
  ...rest
}: ChatThreadProps) {
  const { actions, shared, shown } = useThreadActions(messages, status, actionOptions, {
    onRegenerate,
    onEdit,
    onFeedback,
  })
  const resolved = useMemo(() => resolveLabels(labels), [labels])
  const { scrollRef, pinned, follow, pin, unpin } = useStickToBottom()

  // The latest onRetry without making every message re-render when the caller passes a new one.
  const onRetryRef = useRef(onRetry)
  useEffect(() => {
    onRetryRef.current = onRetry
  })
  const retry = useCallback((messageId: string) => onRetryRef.current?.(messageId), [])

  useEffect(follow, [messages, follow])

  // Sending a message means the reader wants to see the answer: pin again.
  const lastUserId = useMemo(
    () => messages.findLast((message) => message.role === 'user')?.id,
    [messages],
  )
  const seenUserId = useRef(lastUserId)
  useEffect(() => {
    if (lastUserId === seenUserId.current) return
    seenUserId.current = lastUserId
    pin()
  }, [lastUserId, pin])

  // Opening a tool card (or any disclosure) means the reader is reading there: following the
  // end would push the card's header out of view as its details grow, so the thread lets go.
  const onClickCapture = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest('[aria-expanded]')) unpin()
  }

  const jumpToLatest = () => {
    pin()
    // The button disappears; keep keyboard focus in the conversation instead of losing it.
    scrollRef.current?.focus({ preventScroll: true })
  }

  return (
    <div className={classNames('auteryn-thread', className)} data-state={status} {...rest}>
      <div
        ref={scrollRef}
        className="auteryn-thread-scroll"
        role="log"
        aria-live="off"
        aria-label={resolved.conversation}
        tabIndex={0}
        onClickCapture={onClickCapture}
      >
        <div className="auteryn-thread-content">
          {messages.length === 0
            ? (emptyState ?? (
                <div className="auteryn-thread-empty">
                  <p className="auteryn-thread-empty-title">{resolved.emptyTitle}</p>
                  <p className="auteryn-thread-empty-description">{resolved.emptyDescription}</p>
                </div>
              ))
            : groupMessages(shown).map((group) => (
                <MessageGroup
                  key={group.key}
                  messages={group.messages}
                  labels={resolved}
                  renderTool={renderTool}
                  toolRenderers={toolRenderers}
                  imageAllowlist={imageAllowlist}
                  highlightCode={highlightCode}
                  inlineErrors={inlineErrors}
                  onRetry={onRetry ? retry : undefined}
                  actions={actions}
                  shared={shared}
                />
              ))}
          {status === 'reconnecting' ? (
            <p className="auteryn-thread-reconnecting" data-state="reconnecting">
              {resolved.reconnecting}
            </p>
          ) : null}
        </div>
      </div>
      {pinned ? null : (
        <button type="button" className="auteryn-jump-to-latest" onClick={jumpToLatest}>
          {resolved.jumpToLatest}
        </button>
      )}
    </div>
  )
}
