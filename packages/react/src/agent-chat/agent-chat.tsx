'use client'
import { useEffect, useId, useState } from 'react'
import type {
  AgentRunErrorInfo,
  AssistantMessage,
  Conversation,
  FeedbackRating,
  MessageFeedback,
} from '@auteryn/client'
import { useChat, type UseAgentRunOptions } from '../agent-run/use-chat'
import { useStoreSelector } from '../agent-run/use-store-selector'
import { ChatThread, type ChatThreadProps } from '../chat-thread/chat-thread'
import { classNames } from '../class-names'
import { Composer } from '../composer/composer'
import { CreditBadge, type CreditRunState } from '../credit-badge/credit-badge'
import { resolveLabels, type Labels } from '../labels'
import type { MessageActionOptions } from '../message-actions/thread-actions'
import { StatusRegion } from '../status-region/status-region'
import { ChatErrorBoundary } from './chat-error-boundary'
import { ErrorBanner } from './error-banner'
import { selectLastAnswer, WithMessages } from './live-parts'
import { Suggestions } from './suggestions'

export interface AgentChatProps extends UseAgentRunOptions {
  /** Custom renderers for tool calls, by tool name. Default: the built-in tool card. */
  toolRenderers?: ChatThreadProps['toolRenderers']
  /** Image hosts the answer may load images from. Default: none (images are not loaded). */
  imageAllowlist?: ChatThreadProps['imageAllowlist']
  /** Highlights closed code blocks; keep it stable (see `CodeHighlighter`). Default: none. */
  highlightCode?: ChatThreadProps['highlightCode']
  /** Overrides for every visible and announced string. Default English `defaultLabels`. */
  labels?: Partial<Labels>
  /** Added to the root element's class names. Default: none. */
  className?: string
  /** Colour scheme, as `data-theme`; `system` follows the user's setting. Default `'system'`. */
  theme?: 'light' | 'dark' | 'system'
  /** Questions offered as chips while the conversation is empty; a click sends one. Default: none. */
  suggestions?: readonly string[]
  /** A visible heading, also the chat's accessible name. Default: none (named by `labels.chat`). */
  title?: string
  /**
   * Actions on messages: copy, regenerate, edit and feedback (each can be set `false`) and the
   * app's own (`custom`); `false` turns them all off. Default: all built-in ones on.
   */
  actions?: MessageActionOptions | false
  /**
   * A rating given (`'up'`/`'down'`), commented, or taken back (`null`); the choice is also kept
   * with the answer. Default: none (the buttons still show and keep the choice).
   */
  onFeedback?: (feedback: FeedbackReport) => void
}

/** What `onFeedback` receives. */
export interface FeedbackReport {
  messageId: string
  /** The server's run id of the rated answer. */
  runId: string | undefined
  /** The conversation's task id. */
  taskId: string | undefined
  rating: FeedbackRating | null
  comment: string | undefined
}

const selectStatus = (conversation: Conversation) => conversation.status
const selectError = (conversation: Conversation) => conversation.error
const selectTotal = (conversation: Conversation) => conversation.credits.total

const runStates: Record<AssistantMessage['status'], CreditRunState> = {
  streaming: 'running',
  complete: 'complete',
  stopped: 'stopped',
  interrupted: 'failed',
  error: 'failed',
}

/**
 * Development builds only: bundlers replace `process.env.NODE_ENV`; where nothing does (a plain
 * ESM import in a browser), reading `process` throws and nothing is logged.
 */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV === 'development'
  } catch {
    return false
  }
}

/**
 * The drop-in chat: thread, composer, credits, live status and error banners on one
 * `useAgentRun`. Point `endpoint` at the app's own proxy (`createRunHandler`).
 */
export function AgentChat({
  toolRenderers,
  imageAllowlist,
  highlightCode,
  labels: labelOverrides,
  className,
  theme = 'system',
  suggestions = [],
  title,
  actions = {},
  onFeedback,
  ...options
}: AgentChatProps) {
  const labels = resolveLabels(labelOverrides)
  // Not useAgentRun: only the thread and the live region read the messages (live-parts.tsx).
  const run = useChat(options)
  const { send, stop, retry, reset, store } = run
  const status = useStoreSelector(store, selectStatus)
  const error = useStoreSelector(store, selectError)
  const total = useStoreSelector(store, selectTotal)
  const answer = useStoreSelector(store, selectLastAnswer)
  const giveFeedback = (message: AssistantMessage, feedback: MessageFeedback | undefined) => {
    store.dispatch({ type: 'feedback', messageId: message.id, feedback })
    onFeedback?.({
      messageId: message.id,
      runId: message.runId,
      taskId: store.getState().taskId,
      rating: feedback?.rating ?? null,
      comment: feedback?.comment,
    })
  }
  const [dismissed, setDismissed] = useState<AgentRunErrorInfo>()
  const titleId = useId()
  const running = status === 'submitted' || status === 'streaming' || status === 'reconnecting'
  const showBanner = status === 'error' && error !== undefined && error !== dismissed

  // The banner speaks to the person chatting; the details (status, server message, code) are
  // for the developer: here in development, and always through `onError`.
  useEffect(() => {
    if (error && isDevelopment()) console.warn('[auteryn] The run failed:', error)
  }, [error])

  return (
    <section
      className={classNames('auteryn-root', 'auteryn-chat', className)}
      data-theme={theme}
      data-state={status}
      aria-labelledby={title ? titleId : undefined}
      aria-label={title ? undefined : labels.chat}
    >
      {title ? (
        <h2 id={titleId} className="auteryn-chat-title">
          {title}
        </h2>
      ) : null}
      {/* A crash while rendering the conversation (a stored value, a custom tool renderer) stays
          inside the chat. Resetting forgets the conversation, stored copy included, so a reload
          starts clean instead of crashing again. */}
      <ChatErrorBoundary
        onCrash={reset}
        fallback={(startOver) => (
          <div className="auteryn-chat-crashed">
            <p role="alert">{labels.chatCrashed}</p>
            <button type="button" className="auteryn-retry" onClick={startOver}>
              {labels.startNewConversation}
            </button>
          </div>
        )}
      >
        <WithMessages store={store}>
          {(messages) => (
            <ChatThread
              className="auteryn-chat-thread"
              messages={messages}
              status={status}
              toolRenderers={toolRenderers}
              imageAllowlist={imageAllowlist}
              highlightCode={highlightCode}
              labels={labelOverrides}
              // The banner says why and holds the one Retry; the failed answer only says it did not finish.
              inlineErrors={false}
              actions={actions}
              onRegenerate={run.regenerate}
              onEdit={(_, text) => run.edit(text)}
              onFeedback={giveFeedback}
              emptyState={
                <div className="auteryn-thread-empty">
                  <p className="auteryn-thread-empty-title">{labels.emptyTitle}</p>
                  <p className="auteryn-thread-empty-description">{labels.emptyDescription}</p>
                  <Suggestions
                    suggestions={suggestions}
                    onSelect={(suggestion) => send(suggestion)}
                    disabled={running}
                    labels={labelOverrides}
                  />
                </div>
              }
            />
          )}
        </WithMessages>
        {showBanner ? (
          <ErrorBanner
            error={error}
            onRetry={retry}
            onDismiss={() => setDismissed(error)}
            labels={labelOverrides}
          />
        ) : null}
        <Composer
          className="auteryn-chat-composer"
          onSend={(text) => send(text)}
          onStop={stop}
          status={status}
          labels={labelOverrides}
        />
        <footer className="auteryn-chat-footer">
          <CreditBadge
            // The latest answer's own credits: the conversation's lastRun is the previous run's
            // until this one completes.
            credits={answer?.creditsUsed}
            runState={
              answer && Object.hasOwn(runStates, answer.status)
                ? runStates[answer.status]
                : undefined
            }
            durationMs={answer?.durationMs}
            total={total}
            labels={labelOverrides}
          />
        </footer>
        <WithMessages store={store}>
          {(messages) => (
            <StatusRegion
              status={status}
              messages={messages}
              error={error}
              labels={labelOverrides}
              // The banner's alert says the failure, in the kit's words; saying it here too doubles it.
              announceFailures={false}
            />
          )}
        </WithMessages>
      </ChatErrorBoundary>
    </section>
  )
}
