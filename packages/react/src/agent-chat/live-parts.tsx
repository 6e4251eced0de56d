'use client'
import type { ReactNode } from 'react'
import type { AssistantMessage, Conversation, ConversationStore, Message } from '@auteryn/client'
import { useStoreSelector } from '../agent-run/use-store-selector'

// The parts of <AgentChat> that read the messages (the thread and the live region) subscribe to
// them on their own: while an answer streams, a frame renders these and not the chat around them
// (composer, credits, banner).

const selectMessages = (conversation: Conversation) => conversation.messages

/** Renders `children` with the store's messages. */
export function WithMessages(props: {
  store: ConversationStore
  children: (messages: Message[]) => ReactNode
}) {
  return props.children(useStoreSelector(props.store, selectMessages))
}

/** What the credit badge reads of an answer. */
type AnswerSummary = Pick<AssistantMessage, 'status' | 'creditsUsed' | 'durationMs'>

// An answer being written changes with every chunk; its credits and duration arrive when it ends.
const streaming: AnswerSummary = { status: 'streaming' }

/** The last message if it is an answer: while it streams, one object that never changes. */
export const selectLastAnswer = (conversation: Conversation): AnswerSummary | undefined => {
  const message = conversation.messages.at(-1)
  if (message?.role === 'assistant') return message.status === 'streaming' ? streaming : message
}
