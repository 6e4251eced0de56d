'use client'
import {
  useCallback,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type KeyboardEvent,
} from 'react'
import { filterThreads, type ThreadSummary } from '@auteryn/client'
import { classNames } from '../class-names'
import type { Labels } from '../labels'
import { resolveThreadListLabels } from './thread-list-labels'
import { ThreadRow, type RowMode } from './thread-row'

export interface ThreadListProps extends Omit<
  HTMLAttributes<HTMLElement>,
  'children' | 'onSelect'
> {
  /** The conversations to list, in the order shown (the thread list keeps newest first). */
  threads: readonly ThreadSummary[]
  /** The open conversation, marked with `aria-current`. Default: none. */
  activeId?: string
  /** Opens a conversation (a click, Enter or Space on its row). */
  onSelect: (id: string) => void
  /** Shows a "New conversation" button that calls this. Default: no button. */
  onCreate?: () => void
  /** Lets each row be renamed in place (its button, or F2). Default: no renaming. */
  onRename?: (id: string, title: string) => void
  /** Lets each row be deleted after the list asks (its button, or Delete). Default: no deleting. */
  onDelete?: (id: string) => void
  /** The conversation deleted last: shows "Deleted … Undo" while set. Default: none. */
  removed?: ThreadSummary
  /** Restores `removed`. Default: no Undo button. */
  onUndo?: () => void
  /** Conversations whose answer is still streaming, marked "Answering…". Default: none. */
  answeringIds?: readonly string[]
  /** Shows a search box that filters by title. Default `true`. */
  search?: boolean
  /** The conversations are still being read: says so instead of "No conversations yet". Default `false`. */
  loading?: boolean
  /** Overrides for the visible and announced strings. Default English `defaultLabels`. */
  labels?: Partial<Labels>
}

const moves: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => Math.min(index + 1, count - 1),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_, count) => count - 1,
}

/**
 * The list of conversations: arrows move, Enter opens, Delete asks before deleting, F2 renames.
 * One row is in the tab order at a time (roving focus), with its rename and delete buttons, so
 * a long list costs a keyboard user one Tab, not three per row.
 */
export function ThreadList({
  threads,
  activeId,
  onSelect,
  onCreate,
  onRename,
  onDelete,
  removed,
  onUndo,
  answeringIds,
  search = true,
  loading = false,
  labels: labelOverrides,
  className,
  ...rest
}: ThreadListProps) {
  const labels = useMemo(() => resolveThreadListLabels(labelOverrides), [labelOverrides])
  const [query, setQuery] = useState('')
  // The row focused last, while the same thread is open: opening another moves the tab stop to it.
  const [focused, setFocused] = useState<{ id: string; activeId: string | undefined }>()
  const focusedId = focused && focused.activeId === activeId ? focused.id : undefined
  const setFocusedId = useCallback((id: string) => setFocused({ id, activeId }), [activeId])
  const [editing, setEditing] = useState<{ id: string; mode: RowMode }>()
  const listRef = useRef<HTMLUListElement>(null)
  const shown = useMemo(() => filterThreads(threads, query), [threads, query])
  const answering = useMemo(() => new Set(answeringIds), [answeringIds])

  // The row in the tab order: the one last focused, else the open one, else the first.
  const tabbableId = [focusedId, activeId].find((id) => shown.some((thread) => thread.id === id))
  const rovingId = tabbableId ?? shown[0]?.id

  const focusRow = useCallback(
    (id: string | undefined) => {
      if (!id) return
      setFocusedId(id)
      const buttons = listRef.current?.querySelectorAll<HTMLElement>('[data-thread-id]') ?? []
      Array.from(buttons)
        .find((button) => button.dataset.threadId === id)
        ?.focus()
    },
    [setFocusedId],
  )

  const changeMode = useCallback((id: string, mode: RowMode) => {
    setEditing(mode === 'view' ? undefined : { id, mode })
  }, [])

  const remove = useCallback(
    (id: string) => {
      setEditing(undefined)
      const index = shown.findIndex((thread) => thread.id === id)
      const next = shown[index + 1] ?? shown[index - 1]
      onDelete?.(id)
      // The keyboard moves on to the neighbour rather than falling to the page.
      focusRow(next?.id)
    },
    [shown, onDelete, focusRow],
  )

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement
    const id = target.closest('li')?.querySelector<HTMLElement>('[data-thread-id]')
      ?.dataset.threadId
    if (!id || editing?.id === id) return
    const move = moves[event.key]
    if (move) {
      event.preventDefault()
      const index = shown.findIndex((thread) => thread.id === id)
      focusRow(shown[move(index, shown.length)]?.id)
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && onDelete) {
      event.preventDefault()
      changeMode(id, 'confirm')
    } else if (event.key === 'F2' && onRename) {
      event.preventDefault()
      changeMode(id, 'rename')
    }
  }

  return (
    <nav
      className={classNames('auteryn-thread-list', className)}
      aria-label={labels.threads}
      aria-busy={loading || undefined}
      data-state={loading ? 'loading' : 'ready'}
      {...rest}
    >
      {onCreate ? (
        <button type="button" className="auteryn-thread-new" onClick={onCreate}>
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          {labels.newThread}
        </button>
      ) : null}
      {search && threads.length > 0 ? (
        <input
          type="search"
          className="auteryn-thread-search"
          aria-label={labels.searchThreads}
          placeholder={labels.searchThreads}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      ) : null}
      <div className="auteryn-thread-undo" role="status">
        {removed && onUndo ? (
          <>
            <span dir="auto">{labels.threadDeleted(removed.title || labels.untitledThread)}</span>
            <button type="button" onClick={onUndo}>
              {labels.undo}
            </button>
          </>
        ) : null}
      </div>
      {shown.length > 0 ? (
        <ul ref={listRef} className="auteryn-thread-rows" onKeyDown={onListKey}>
          {shown.map((thread) => (
            <ThreadRow
              key={thread.id}
              thread={thread}
              labels={labels}
              active={thread.id === activeId}
              focusable={thread.id === rovingId}
              answering={answering.has(thread.id)}
              mode={editing?.id === thread.id ? editing.mode : 'view'}
              onModeChange={changeMode}
              onSelect={onSelect}
              onRename={onRename}
              onDelete={onDelete ? remove : undefined}
              onFocusRow={setFocusedId}
            />
          ))}
        </ul>
      ) : (
        <p className="auteryn-thread-list-empty">
          {loading
            ? labels.loadingThreads
            : threads.length === 0
              ? labels.noThreads
              : labels.noMatchingThreads(query.trim())}
        </p>
      )}
    </nav>
  )
}
