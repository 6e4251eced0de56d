'use client'
import type { AssistantMessage, Conversation, ConversationStore } from '@auteryn/client'
import { useStoreSelector } from '../agent-run/use-store-selector'
import { ChatThread, type ChatThreadProps } from '../chat-thread/chat-thread'
import type { CreditRunState } from '../credit-badge/credit-badge'
import { StatusRegion, type StatusRegionProps } from '../status-region/status-region'

// The parts of <AgentChat> that read the messages subscribe to them on their own: while an answer
// streams, a frame renders these and not the chat around them (composer, credits, banner).

const selectMessages = (conversation: Conversation) => conversation.messages

/** `<ChatThread>` over the store's messages. */
export function LiveThread({
  store,
  ...props
}: Omit<ChatThreadProps, 'messages'> & { store: ConversationStore }) {
  return <ChatThread {...props} messages={useStoreSelector(store, selectMessages)} />
}

/** `<StatusRegion>` over the store's messages. */
export function LiveStatus({
  store,
  ...props
}: Omit<StatusRegionProps, 'messages'> & { store: ConversationStore }) {
  return <StatusRegion {...props} messages={useStoreSelector(store, selectMessages)} />
}

function lastAnswer(conversation: Conversation): AssistantMessage | undefined {
  const message = conversation.messages.at(-1)
  return message?.role === 'assistant' ? message : undefined
}

const runStates: Record<AssistantMessage['status'], CreditRunState> = {
  streaming: 'running',
  complete: 'complete',
  stopped: 'stopped',
  interrupted: 'failed',
  error: 'failed',
}

// Each returns a field, not the message, so a streamed chunk does not render the badge again.
const selectCreditsUsed = (conversation: Conversation) => lastAnswer(conversation)?.creditsUsed
const selectDuration = (conversation: Conversation) => lastAnswer(conversation)?.durationMs
const selectRunState = (conversation: Conversation) => {
  const status = lastAnswer(conversation)?.status
  return status && Object.hasOwn(runStates, status) ? runStates[status] : undefined
}

/** What the credit badge shows of the latest answer. */
export function useLastAnswerCredits(store: ConversationStore) {
  return {
    credits: useStoreSelector(store, selectCreditsUsed),
    runState: useStoreSelector(store, selectRunState),
    durationMs: useStoreSelector(store, selectDuration),
  }
}
