import { useEffect, useState } from 'react'
import { createChat, type Chat, type ChatOptions, type ConversationStore } from '@auteryn/client'
import { useBrowserLayoutEffect } from '../use-browser-layout-effect'
import { setServerConversation } from './use-store-selector'

/** `useAgentRun`'s options: `createChat`'s, or a chat made elsewhere. */
export interface UseAgentRunOptions extends ChatOptions {
  /**
   * A chat made elsewhere (a thread list's), read once: its settings are its own, and its run
   * outlives the component. Default: one made for this component, disposed on unmount.
   */
  chat?: Chat
}

/** The actions of one chat. Each keeps its identity for the component's lifetime. */
export type AgentRunActions = Pick<
  Chat,
  'send' | 'stop' | 'retry' | 'reset' | 'regenerate' | 'edit'
>

export interface AgentRunHandle extends AgentRunActions {
  store: ConversationStore
}

/**
 * One chat, created once, without subscribing to the conversation. Requests start only in
 * `send`/`retry` (never in an effect), so StrictMode cannot duplicate a paid run; unmounting
 * aborts the live run and nothing more is written.
 */
export function useChat(options: UseAgentRunOptions): AgentRunHandle {
  const [owned] = useState(() => !options.chat)
  const [chat] = useState(() => {
    if (options.chat) return options.chat
    const created = createChat(options)
    setServerConversation(created.store, created.getServerState)
    return created
  })
  // Callbacks and connection settings are read at send time, so changing them restarts nothing.
  useBrowserLayoutEffect(() => {
    if (owned) chat.setOptions(options)
  })
  const [handle] = useState<AgentRunHandle>(() => {
    const { store, send, stop, retry, reset, regenerate, edit } = chat
    return { store, send, stop, retry, reset, regenerate, edit }
  })
  useEffect(() => {
    // A chat passed in belongs to its creator, which resumes and disposes it.
    if (!owned) return undefined
    chat.resume()
    return () => chat.dispose()
  }, [chat, owned])
  return handle
}
