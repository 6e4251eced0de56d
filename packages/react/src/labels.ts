import type { ToolState } from '@auteryn/client'
import { formatDuration } from './credit-badge/format-duration'
import { threadListLabels, type ThreadListLabels } from './thread-list/thread-list-labels'

/**
 * Every string the components show or announce. Pass a partial `labels` prop to translate them;
 * missing keys fall back to the English `defaultLabels`.
 */
export interface Labels extends ChatLabels, ThreadListLabels {}

/** The strings of `<AgentChat>` and the components it is made of (all but the thread list's). */
export interface ChatLabels {
  message: string
  send: string
  stop: string
  placeholder: string
  jumpToLatest: string
  emptyTitle: string
  emptyDescription: string
  you: string
  assistant: string
  copy: string
  copied: string
  copyCode: string
  copyParams: string
  copyResult: string
  showMore: string
  showLess: string
  params: string
  result: string
  noResult: string
  retry: string
  stopped: string
  interrupted: string
  /** A failed answer's only note when another element says why (as `<AgentChat>`'s banner does). */
  answerNotFinished: string
  /** Live-region announcements. */
  agentResponding: string
  /** The connection was cut and the chat is re-attaching to the run (thread and live region). */
  reconnecting: string
  agentUsedTool: (tool: string) => string
  responseComplete: string
  responseStopped: string
  responseFailed: (message: string) => string
  credits: (count: number) => string
  /** The credit badge while a run is under way. */
  creditsPending: string
  /** The credit badge's conversation total. */
  totalCredits: (count: number) => string
  /** A run's wall time, e.g. "3.2 s". */
  duration: (milliseconds: number) => string
  imageBlocked: (alt: string) => string
  linkBlocked: string
  /** Above an answer too large or too deeply nested to format, shown as plain text instead. */
  markdownAsText: string
  /** Copy buttons when the clipboard refuses (no HTTPS, no permission). */
  copyFailed: string
  /** The conversation log's accessible name. */
  conversation: string
  /** Accessible names of a markdown task list's checkboxes. */
  taskDone: string
  taskOpen: string
  /** A tool card's title. Default `tool.action`; `humanizeToolName` gives "Github: list issues". */
  toolName: (tool: string, action?: string) => string
  toolStates: Record<ToolState, string>
  /** `<AgentChat>`: the chat's accessible name, error banners, suggestions. */
  chat: string
  /** `<AgentChat>` after its conversation failed to render (it is then forgotten). */
  chatCrashed: string
  startNewConversation: string
  dismiss: string
  suggestions: string
  /** Banner words take the error's details as arguments; the defaults leave them to `onError`. */
  errorUnauthorized: string
  errorOutOfCredits: string
  /** A rate limit's wait, shown as it counts down and announced once, as it was, on arrival. */
  errorRateLimited: (seconds: number) => string
  /** Announced once, politely, when a rate limit has run out and Retry works again. */
  retryAvailable: string
  errorUnknownAgent: string
  errorServer: (status: number) => string
  errorRequest: (status: number, message: string) => string
  errorNetwork: string
  errorInterrupted: string
  errorTimeout: string
  errorProtocol: (message: string) => string
  errorRunFailed: (message: string) => string
  cancel: string
  /** Message actions: their group, copying, regenerating, editing, feedback and versions. */
  messageActions: string
  copyMarkdown: string
  copyText: string
  regenerate: string
  /** The Regenerate button's description: the agent keeps its own history. */
  regenerateHint: string
  edit: string
  editQuestion: string
  /** Under the question being edited: the agent keeps its own history. */
  editHint: string
  feedbackGood: string
  feedbackBad: string
  feedbackComment: string
  sendFeedback: string
  feedbackSent: string
  previousVersion: string
  nextVersion: string
  versionPosition: (position: number, count: number) => string
  /** Beside the versions of an answer: the agent keeps its own history. */
  versionsHint: string
}

/** English defaults of `ChatLabels`: what `<AgentChat>` ships, without the thread list's. */
export const chatLabels: ChatLabels = {
  message: 'Message',
  send: 'Send',
  stop: 'Stop',
  placeholder: 'Ask the agent…',
  jumpToLatest: 'Jump to latest',
  emptyTitle: 'Start a conversation',
  emptyDescription: 'Ask a question and the agent will answer here.',
  you: 'You',
  assistant: 'Agent',
  copy: 'Copy',
  copied: 'Copied',
  copyCode: 'Copy code',
  copyParams: 'Copy parameters',
  copyResult: 'Copy result',
  showMore: 'Show more',
  showLess: 'Show less',
  params: 'Parameters',
  result: 'Result',
  noResult: 'No result was returned.',
  retry: 'Retry',
  stopped: 'Stopped',
  interrupted: 'The answer was interrupted.',
  answerNotFinished: 'This answer did not finish.',
  agentResponding: 'Agent is responding',
  reconnecting: 'Connection lost. Reconnecting…',
  agentUsedTool: (tool) => `Agent used ${tool}`,
  responseComplete: 'Response complete',
  responseStopped: 'Response stopped',
  responseFailed: (message) => `Response failed: ${message}`,
  credits: (count) => `${count} ${count === 1 ? 'credit' : 'credits'}`,
  creditsPending: '…',
  totalCredits: (count) => `${count} in this chat`,
  duration: formatDuration,
  imageBlocked: (alt) => (alt ? `Image not loaded: ${alt}` : 'Image not loaded'),
  linkBlocked: 'Link removed: only http, https and mailto links are allowed',
  markdownAsText: 'Too large or too deeply nested to format: shown as plain text.',
  copyFailed: 'Copy failed',
  conversation: 'Conversation',
  taskDone: 'Done',
  taskOpen: 'Not done',
  toolName: (tool, action) => (action ? `${tool}.${action}` : tool),
  toolStates: {
    running: 'Running',
    done: 'Done',
    error: 'Failed',
    'no-result': 'No result',
  },
  chat: 'Agent chat',
  chatCrashed: 'This conversation could not be shown, so it was cleared.',
  startNewConversation: 'Start a new conversation',
  dismiss: 'Dismiss',
  suggestions: 'Suggestions',
  // Said to the person chatting, who can neither fix the server nor read its details: what
  // happened and what they can do. The details go to `onError` and, in development, the console.
  errorUnauthorized: 'The assistant is unavailable right now. Please try again later.',
  errorOutOfCredits: 'This workspace is out of credits. Ask its owner to add credits, then retry.',
  errorRateLimited: (seconds) =>
    seconds > 0
      ? `Too many requests. You can retry in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
      : 'Too many requests. You can retry now.',
  retryAvailable: 'You can retry now.',
  errorUnknownAgent: 'The assistant is unavailable right now. Please try again later.',
  errorServer: () => 'The assistant ran into a problem. Retry in a moment.',
  errorRequest: () => 'The question could not be sent. Retry, or rephrase it.',
  errorNetwork: 'Could not reach the assistant. Check your connection, then retry.',
  errorInterrupted: 'The answer was cut off before it finished. Retry to ask again.',
  errorTimeout: 'The assistant stopped responding. Retry to ask again.',
  errorProtocol: () => 'The answer could not be read. Retry to ask again.',
  errorRunFailed: () => 'The assistant could not finish this answer. Retry to ask again.',
  cancel: 'Cancel',
  messageActions: 'Message actions',
  copyMarkdown: 'Copy as Markdown',
  copyText: 'Copy as text',
  regenerate: 'Regenerate',
  regenerateHint: 'Asks again in the same conversation: the agent has seen this answer.',
  edit: 'Edit',
  editQuestion: 'Edit question',
  editHint: 'The agent has seen the earlier question: it continues the same conversation.',
  feedbackGood: 'Good answer',
  feedbackBad: 'Bad answer',
  feedbackComment: 'What could be better? (optional)',
  sendFeedback: 'Send feedback',
  feedbackSent: 'Thanks for the feedback.',
  previousVersion: 'Previous version',
  nextVersion: 'Next version',
  versionPosition: (position, count) => `Version ${position} of ${count}`,
  versionsHint: 'The agent has seen every version: each one continued the same conversation.',
}

/**
 * Every English default. Built with a call marked pure (a spread is not) so that a bundle that
 * never reads it drops it, and with it the thread list's strings.
 */
export const defaultLabels: Labels = /* @__PURE__ */ Object.assign({}, chatLabels, threadListLabels)

/** The chat's strings: `labels` over the English defaults. */
export function resolveLabels(labels?: Partial<Labels>): ChatLabels {
  return labels ? { ...chatLabels, ...labels } : chatLabels
}
