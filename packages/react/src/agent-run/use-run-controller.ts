import { useEffect, useRef, useState } from 'react'
import {
  createConversation,
  createConversationStore,
  type ConversationStore,
  type PersistOptions,
} from '@auteryn/client'
import { useBrowserLayoutEffect } from '../use-browser-layout-effect'
import { createRunController, type RunSettings, type SendOptions } from './run-controller'
import { setServerConversation } from './use-store-selector'

export interface UseAgentRunOptions extends RunSettings {
  /** Continues an existing conversation; read once, when the store is created. Default: a new one. */
  taskId?: string
  /** A conversation store shared with other components; read once. Default: one made for this chat. */
  store?: ConversationStore
  /** Keep the conversation across reloads: `true` derives the key from agent and endpoint. Default: `false`. */
  persist?: boolean | PersistOptions
}

/** The actions of one chat. Each keeps its identity for the component's lifetime. */
export interface AgentRunActions {
  /**
   * Starts a run: exactly one POST. A run still live is stopped first (its partial answer
   * stays, marked `stopped`), so one conversation never has two runs. Throws a `TypeError`
   * for an empty query.
   */
  send: (query: string, options?: SendOptions) => void
  /** Aborts the live run; its partial answer stays, marked `stopped`. */
  stop: () => void
  /** Re-sends the last question in place of its failed, stopped or interrupted answer. */
  retry: () => void
  /** Aborts any live run and clears the conversation. */
  reset: () => void
}

export interface AgentRunHandle extends AgentRunActions {
  store: ConversationStore
}

function persistOptions(options: UseAgentRunOptions): PersistOptions | undefined {
  if (!options.persist) return undefined
  if (options.persist !== true) return options.persist
  return { key: `auteryn:${options.agentId ?? 'agent'}:${options.endpoint ?? '/api/run'}` }
}

/**
 * One chat's store and actions, without subscribing to the conversation. Requests start only in
 * `send`/`retry` (never in an effect), so StrictMode cannot duplicate a paid run; unmounting
 * aborts the live run and nothing more is written.
 */
export function useRunController(options: UseAgentRunOptions): AgentRunHandle {
  // Callbacks and connection settings are read at send time, so changing them restarts nothing.
  const settings = useRef(options)
  useBrowserLayoutEffect(() => {
    settings.current = options
  })
  const [store] = useState(() => {
    if (options.store) return options.store
    const persist = persistOptions(options)
    const created = createConversationStore({ taskId: options.taskId, persist })
    if (persist) setServerConversation(created, createConversation(options.taskId))
    return created
  })
  const [controller] = useState(() => createRunController(store, () => settings.current))
  const [handle] = useState<AgentRunHandle>(() => {
    const { send, stop, retry, reset } = controller
    return { store, send, stop, retry, reset }
  })
  useEffect(() => () => controller.dispose(), [controller])
  return handle
}
