export type * from './types'
export { AgentRunError, isAgentRunError, type AgentRunErrorDetails } from './errors'
export {
  createAgentClient,
  type AgentClient,
  type AgentClientOptions,
  type RunOptions,
  type StreamOptions,
} from './client'
export type { HeadersOption } from './headers'
export { parseRunEvent, parseRunResult, type ParsedEvent } from './validate'
export { createConversation, reduceConversation, reduceConversationBatch } from './reducer'
export {
  createConversationStore,
  type ConversationStore,
  type ConversationStoreOptions,
} from './store'
export type { PersistOptions } from './persistence'
export type { PersistStorage } from './persistence'
export {
  filterThreads,
  parseThreadIndex,
  titleFromQuery,
  type ThreadIndex,
  type ThreadSummary,
} from './thread-index'
export {
  createThreadList,
  type ThreadList,
  type ThreadListOptions,
  type ThreadListState,
} from './thread-list'
