import { useEffect, useState } from 'react'
import { createChat, type Chat, type ChatOptions, type ConversationStore } from '@auteryn/client'
import { useBrowserLayoutEffect } from '../use-browser-layout-effect'
import { setServerConversation } from './use-store-selector'

/** `useAgentRun`'s options: `createChat`'s. */
export type UseAgentRunOptions = ChatOptions

/** The actions of one chat. Each keeps its identity for the component's lifetime. */
export type AgentRunActions = Pick<Chat, 'send' | 'stop' | 'retry' | 'reset'>

export interface AgentRunHandle extends AgentRunActions {
  store: ConversationStore
}

/**
 * One chat, created once, without subscribing to the conversation. Requests start only in
 * `send`/`retry` (never in an effect), so StrictMode cannot duplicate a paid run; unmounting
 * aborts the live run and nothing more is written.
 */
export function useChat(options: ChatOptions): AgentRunHandle {
  const [chat] = useState(() => {
    const created = createChat(options)
    setServerConversation(created.store, created.getServerState)
    return created
  })
  // Callbacks and connection settings are read at send time, so changing them restarts nothing.
  useBrowserLayoutEffect(() => {
    chat.setOptions(options)
  })
  const [handle] = useState<AgentRunHandle>(() => {
    const { store, send, stop, retry, reset } = chat
    return { store, send, stop, retry, reset }
  })
  useEffect(() => () => chat.dispose(), [chat])
  return handle
}
