import type { AgentRunErrorInfo } from '@auteryn/client'
import { chatLabels, type ChatLabels } from '../labels'

export interface ErrorDescription {
  /** What happened and what to do, in one sentence or two. */
  text: string
  /** Whether retrying can help; a rejected key or an unknown agent needs a fix on the server first. */
  retryable: boolean
}

/**
 * Turns a run error into words a user can act on (what `<ErrorBanner>` shows), and whether
 * retrying can help. A rate limit is worded without its wait: the banner counts it down.
 * `labels` default: the English defaults.
 */
export function describeError(
  error: AgentRunErrorInfo,
  labels: ChatLabels = chatLabels,
): ErrorDescription {
  switch (error.kind) {
    case 'http':
      return describeStatus(error.status ?? 0, error.message, labels)
    case 'network':
    case 'aborted':
      return { text: labels.errorNetwork, retryable: true }
    case 'interrupted':
      return { text: labels.errorInterrupted, retryable: true }
    case 'timeout':
      return { text: labels.errorTimeout, retryable: true }
    case 'protocol':
      return { text: labels.errorProtocol(error.message), retryable: true }
    case 'run_failed':
      return { text: labels.errorRunFailed(error.message), retryable: true }
  }
}

function describeStatus(status: number, message: string, labels: ChatLabels): ErrorDescription {
  if (status === 401 || status === 403) return { text: labels.errorUnauthorized, retryable: false }
  if (status === 402) return { text: labels.errorOutOfCredits, retryable: true }
  if (status === 404) return { text: labels.errorUnknownAgent, retryable: false }
  if (status === 429) return { text: labels.errorRateLimited(0), retryable: true }
  if (status >= 500) return { text: labels.errorServer(status), retryable: true }
  return { text: labels.errorRequest(status, message), retryable: true }
}
