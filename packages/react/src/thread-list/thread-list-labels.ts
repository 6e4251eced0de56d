import type { Labels } from '../labels'

/**
 * `<ThreadList>`'s strings (and `<AgentChatWithThreads>`' menu button), part of `Labels`. Their
 * defaults live here rather than in `chatLabels`, so `<AgentChat>` does not ship them.
 */
export interface ThreadListLabels {
  /** Its accessible name, buttons, empty states, deletion and undo. */
  threads: string
  newThread: string
  searchThreads: string
  noThreads: string
  /** The thread list while the stored conversations are read. */
  loadingThreads: string
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
}

/** English defaults of `ThreadListLabels`. */
export const threadListLabels: ThreadListLabels = {
  threads: 'Conversations',
  newThread: 'New conversation',
  searchThreads: 'Search conversations',
  noThreads: 'No conversations yet.',
  loadingThreads: 'Loading conversations…',
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
}

/** The thread list's strings: `labels` over the English defaults. */
export function resolveThreadListLabels(labels?: Partial<Labels>): ThreadListLabels {
  return labels ? { ...threadListLabels, ...labels } : threadListLabels
}
