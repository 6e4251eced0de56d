import type { ToolState } from '@auteryn/client'
import { formatDuration } from './credit-badge/format-duration'

/**
 * Every string the components show or announce. Pass a partial `labels` prop to translate them;
 * missing keys fall back to these English defaults.
 */
export interface Labels {
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
  toolStates: Record<ToolState, string>
  /** `<AgentChat>`: the chat's accessible name, error banners, suggestions. */
  chat: string
  dismiss: string
  suggestions: string
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
  /** `<ThreadList>`: its accessible name, buttons, empty states, deletion and undo. */
  threads: string
  newThread: string
  searchThreads: string
  noThreads: string
  noMatchingThreads: (query: string) => string
  /** A thread not titled yet (no question asked, no name given). */
  untitledThread: string
  renameThread: (title: string) => string
  threadTitle: string
  deleteThread: (title: string) => string
  confirmDeleteThread: (title: string) => string
  confirmDelete: string
  cancel: string
  threadDeleted: (title: string) => string
  undo: string
  /** A thread whose answer is still streaming while another is shown. */
  threadAnswering: string
  /** Opens the thread list on narrow screens. */
  showThreads: string
  /** Message actions: their group, copying, regenerating, editing, feedback and versions. */
  messageActions: string
  copyMarkdown: string
  copyText: string
  regenerate: string
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

export const defaultLabels: Labels = {
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
  totalCredits: (count) => `${count} ${count === 1 ? 'credit' : 'credits'} in this conversation`,
  duration: formatDuration,
  imageBlocked: (alt) => (alt ? `Image not loaded: ${alt}` : 'Image not loaded'),
  linkBlocked: 'Link removed: only http, https and mailto links are allowed',
  markdownAsText: 'Too large or too deeply nested to format: shown as plain text.',
  copyFailed: 'Copy failed',
  conversation: 'Conversation',
  taskDone: 'Done',
  taskOpen: 'Not done',
  toolStates: {
    running: 'Running',
    done: 'Done',
    error: 'Failed',
    'no-result': 'No result',
  },
  chat: 'Agent chat',
  dismiss: 'Dismiss',
  suggestions: 'Suggestions',
  errorUnauthorized: "The server's API key was rejected. Check AUTERYN_API_KEY on the server.",
  errorOutOfCredits: 'Out of credits. Add credits to your Auteryn account, then retry.',
  errorRateLimited: (seconds) =>
    seconds > 0
      ? `Too many requests. You can retry in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
      : 'Too many requests. You can retry now.',
  retryAvailable: 'You can retry now.',
  errorUnknownAgent: 'Unknown agent. Check the agent id configured on the server.',
  errorServer: (status) => `The agent service failed (HTTP ${status}). Retry in a moment.`,
  errorRequest: (status, message) => `The request was refused (HTTP ${status}): ${message}`,
  errorNetwork: 'Could not reach the server. Check your connection, then retry.',
  errorInterrupted: 'The answer was cut off before it finished. Retry to ask again.',
  errorTimeout: 'The agent stopped responding. Retry to ask again.',
  errorProtocol: (message) => `The server sent something the chat could not read: ${message}`,
  errorRunFailed: (message) => `The agent could not finish: ${message}`,
  threads: 'Conversations',
  newThread: 'New conversation',
  searchThreads: 'Search conversations',
  noThreads: 'No conversations yet.',
  noMatchingThreads: (query) => `No conversation matches “${query}”.`,
  untitledThread: 'Untitled conversation',
  renameThread: (title) => `Rename “${title}”`,
  threadTitle: 'Conversation title',
  deleteThread: (title) => `Delete “${title}”`,
  confirmDeleteThread: (title) => `Delete “${title}”?`,
  confirmDelete: 'Delete',
  cancel: 'Cancel',
  threadDeleted: (title) => `Deleted “${title}”.`,
  undo: 'Undo',
  threadAnswering: 'Answering…',
  showThreads: 'Conversations',
  messageActions: 'Message actions',
  copyMarkdown: 'Copy as Markdown',
  copyText: 'Copy as text',
  regenerate: 'Regenerate',
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

export function resolveLabels(labels?: Partial<Labels>): Labels {
  return labels ? { ...defaultLabels, ...labels } : defaultLabels
}
