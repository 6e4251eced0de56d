import { useMemo } from 'react'
import type { AgentRunErrorInfo, Conversation, ConversationStatus, Message } from '@auteryn/client'
import { useChat, type AgentRunHandle, type UseAgentRunOptions } from './use-chat'
import { useStoreSelector } from './use-store-selector'

export type { UseAgentRunOptions }

/** What `useAgentRun` returns: the conversation's state and the chat's (stable) actions. */
export interface AgentRun extends AgentRunHandle {
  messages: Message[]
  /** `idle`, `submitted` (POST sent), `streaming` (first event arrived) or `error`. */
  status: ConversationStatus
  error: AgentRunErrorInfo | undefined
  /** The conversation's task id, learned from the first run; the next send continues it. */
  taskId: string | undefined
  credits: Conversation['credits']
}

const selectMessages = (conversation: Conversation) => conversation.messages
const selectStatus = (conversation: Conversation) => conversation.status
const selectError = (conversation: Conversation) => conversation.error
const selectTaskId = (conversation: Conversation) => conversation.taskId
const selectCredits = (conversation: Conversation) => conversation.credits

/**
 * Streams Auteryn agent runs into a conversation store and reads it back with selectors, so a
 * component re-renders at most once per animation frame while an answer streams.
 */
export function useAgentRun(options: UseAgentRunOptions = {}): AgentRun {
  const handle = useChat(options)
  const { store } = handle
  const messages = useStoreSelector(store, selectMessages)
  const status = useStoreSelector(store, selectStatus)
  const error = useStoreSelector(store, selectError)
  const taskId = useStoreSelector(store, selectTaskId)
  const credits = useStoreSelector(store, selectCredits)
  return useMemo(
    () => ({ ...handle, messages, status, error, taskId, credits }),
    [handle, messages, status, error, taskId, credits],
  )
}
