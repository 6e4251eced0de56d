'use client'
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import {
  createThreadList,
  filterThreads,
  type Chat,
  type ThreadList,
  type ThreadListOptions,
  type ThreadListState,
  type ThreadSummary,
} from '@auteryn/client'
import { useBrowserLayoutEffect } from '../use-browser-layout-effect'

/** What `useThreadList` returns: the index, the open thread's chat, and the list's actions. */
export interface ThreadListHandle extends ThreadListState {
  /** The list itself (framework-free), for anything the hook does not cover. */
  list: ThreadList
  /** The open thread's chat, once its conversation is loaded. */
  activeChat: Chat | undefined
  /** Opens a new conversation; the open one is reused while it is still empty. */
  create: () => string
  select: (id: string) => void
  rename: (id: string, title: string) => void
  remove: (id: string) => void
  undoRemove: () => void
  /** Threads whose title holds every word of `query`. */
  search: (query: string) => ThreadSummary[]
}

/** A server has no storage: it renders the list as loading, and so does hydration. */
const loadingState: ThreadListState = {
  status: 'loading',
  threads: [],
  activeId: undefined,
  removed: undefined,
  answeringIds: [],
}
const serverState = () => loadingState

/** The list's options, and the run settings (endpoint, fetch, callbacks) of every thread's chat. */
export type UseThreadListOptions = ThreadListOptions

/**
 * Many conversations: the list is created once, its index read with a selector, and the open
 * thread's chat loaded on demand. Runs keep streaming in threads that are not open; leaving
 * the page (unmounting) stops them. There is always an open thread once the index is read.
 */
export function useThreadList(options: UseThreadListOptions = {}): ThreadListHandle {
  const [list] = useState(() => createThreadList(options))
  useBrowserLayoutEffect(() => {
    list.setChatOptions(options.chat ?? {})
  })
  useEffect(() => {
    // A remount (StrictMode's) takes back the threads that the unmount before it let go.
    list.resume()
    return () => list.dispose()
  }, [list])
  const state = useSyncExternalStore(list.store.subscribe, list.store.getState, serverState)
  const { status, threads, activeId } = state

  // Nothing to open: open something, so the chat always has a conversation to write to. Read
  // afresh, not from this render: StrictMode runs the effect twice and must not create twice.
  useEffect(() => {
    const now = list.store.getState()
    if (now.status === 'ready' && now.activeId === undefined) list.create()
  }, [list, status, activeId])

  const [loaded, setLoaded] = useState<{ id: string; chat: Chat }>()
  const opened = activeId === undefined ? undefined : list.opened(activeId)
  useEffect(() => {
    if (activeId === undefined || opened) return
    let current = true
    void list.open(activeId).then((chat) => {
      if (current) setLoaded({ id: activeId, chat })
    })
    return () => {
      current = false
    }
  }, [list, activeId, opened])
  const activeChat = opened ?? (loaded?.id === activeId ? loaded?.chat : undefined)

  const create = useCallback(() => {
    const { activeId: open, threads: all } = list.store.getState()
    const empty = all.find((thread) => thread.id === open && thread.messageCount === 0)
    return empty ? empty.id : list.create()
  }, [list])

  return useMemo(
    () => ({
      ...state,
      list,
      activeChat,
      create,
      select: list.select,
      rename: list.rename,
      remove: list.remove,
      undoRemove: list.undoRemove,
      search: (query: string) => filterThreads(threads, query),
    }),
    [state, list, activeChat, create, threads],
  )
}
