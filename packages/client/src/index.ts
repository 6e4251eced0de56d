export type * from './types'
export type * from './wire'
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
export { createConversation, reduceConversation } from './reducer'
export {
  createConversationStore,
  type ConversationStore,
  type ConversationStoreOptions,
} from './store'
export type { PersistOptions } from './persistence'
export { createChat, type Chat } from './chat'
export type {
  ChatOptions,
  RunFinish,
  RunFinishReason,
  RunSettings,
  SendOptions,
} from './chat-settings'
export { requestFrame, type CancelFrame } from './frame-scheduler'
export { createRunKey, type RunAttachment } from './resume'
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
