'use client'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { ConversationStore } from '@auteryn/client'
import type { AgentRun } from './use-agent-run'
import {
  useChat,
  type AgentRunActions,
  type AgentRunHandle,
  type UseAgentRunOptions,
} from './use-chat'

/** What components under an `AgentRunProvider` reach without re-rendering on every chunk. */
export interface AgentRunContextValue {
  store: ConversationStore
  /** Absent when the provider was given a bare store. */
  actions?: AgentRunActions
}

const AgentRunContext = createContext<AgentRunContextValue | undefined>(undefined)

export type AgentRunProviderProps = { children?: ReactNode } & (
  | {
      /** A `useAgentRun` result, or a conversation store to read only. */
      value: AgentRun | AgentRunHandle | ConversationStore
    }
  | (UseAgentRunOptions & { value?: undefined })
)

function isStore(value: AgentRun | AgentRunHandle | ConversationStore): value is ConversationStore {
  return typeof (value as ConversationStore).getState === 'function'
}

function ValueProvider({
  value,
  children,
}: {
  value: AgentRun | AgentRunHandle | ConversationStore
  children?: ReactNode
}) {
  const store = isStore(value) ? value : value.store
  const actions = isStore(value) ? undefined : value
  const { send, stop, retry, reset, regenerate, edit } = actions ?? {}
  const context = useMemo<AgentRunContextValue>(
    () => ({
      store,
      actions:
        send && stop && retry && reset && regenerate && edit
          ? { send, stop, retry, reset, regenerate, edit }
          : undefined,
    }),
    [store, send, stop, retry, reset, regenerate, edit],
  )
  return <AgentRunContext.Provider value={context}>{children}</AgentRunContext.Provider>
}

function OwnRunProvider({ children, ...options }: UseAgentRunOptions & { children?: ReactNode }) {
  const handle = useChat(options)
  return <ValueProvider value={handle}>{children}</ValueProvider>
}

/**
 * Shares one chat with the components below it, which read it with `useConversation(selector)`
 * and act with `useAgentRunActions()`. Given `useAgentRun`'s options, the provider owns the chat
 * and never re-renders while it streams; given `value`, it shares an existing chat or store.
 */
export function AgentRunProvider(props: AgentRunProviderProps) {
  if (props.value !== undefined) {
    return <ValueProvider value={props.value}>{props.children}</ValueProvider>
  }
  return <OwnRunProvider {...props} />
}

export function useAgentRunContext(): AgentRunContextValue {
  const context = useContext(AgentRunContext)
  if (!context) {
    throw new Error(
      'useConversation and useAgentRunActions must be used inside <AgentRunProvider>.',
    )
  }
  return context
}
