'use client'
import { memo, useEffect, useRef, type KeyboardEvent } from 'react'
import type { ThreadSummary } from '@auteryn/client'
import type { ThreadListLabels } from './thread-list-labels'

export type RowMode = 'view' | 'rename' | 'confirm'

export interface ThreadRowProps {
  thread: ThreadSummary
  labels: ThreadListLabels
  active: boolean
  /** The row in the tab order (roving focus): its open button and its actions. */
  focusable: boolean
  answering: boolean
  mode: RowMode
  onModeChange: (id: string, mode: RowMode) => void
  onSelect: (id: string) => void
  onRename: ((id: string, title: string) => void) | undefined
  onDelete: ((id: string) => void) | undefined
  onFocusRow: (id: string) => void
}

const icon = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const

/** One conversation in the list: open it, rename it in place, or delete it after asking. */
export const ThreadRow = memo(function ThreadRow({
  thread,
  labels,
  active,
  focusable,
  answering,
  mode,
  onModeChange,
  onSelect,
  onRename,
  onDelete,
  onFocusRow,
}: ThreadRowProps) {
  const title = thread.title || labels.untitledThread
  const tabIndex = focusable ? 0 : -1
  const confirmRef = useRef<HTMLButtonElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const rowRef = useRef<HTMLLIElement>(null)
  const wasEditing = useRef(false)

  useEffect(() => {
    if (mode === 'confirm') confirmRef.current?.focus()
    if (mode === 'rename') inputRef.current?.select()
    // Back from asking or renaming: the keyboard stays on this row, unless it moved on already.
    const focus = document.activeElement
    const lost = !focus || focus === document.body || rowRef.current?.contains(focus)
    if (mode === 'view' && wasEditing.current && lost) openRef.current?.focus()
    wasEditing.current = mode !== 'view'
  }, [mode])

  const finishRename = (save: boolean) => {
    const value = inputRef.current?.value.trim() ?? ''
    if (save && value !== '' && value !== thread.title) onRename?.(thread.id, value)
    onModeChange(thread.id, 'view')
  }

  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') finishRename(true)
    else if (event.key === 'Escape') finishRename(false)
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <li
      ref={rowRef}
      className="auteryn-thread-item"
      data-state={answering ? 'streaming' : 'idle'}
      data-active={active || undefined}
      data-mode={mode}
    >
      {mode === 'rename' ? (
        <input
          ref={inputRef}
          className="auteryn-thread-rename"
          aria-label={labels.threadTitle}
          defaultValue={thread.title}
          dir="auto"
          maxLength={120}
          onKeyDown={onRenameKey}
          onBlur={() => finishRename(true)}
        />
      ) : (
        <button
          ref={openRef}
          type="button"
          className="auteryn-thread-open"
          aria-current={active ? 'true' : undefined}
          tabIndex={tabIndex}
          data-thread-id={thread.id}
          onFocus={() => onFocusRow(thread.id)}
          onClick={() => onSelect(thread.id)}
        >
          <span className="auteryn-thread-name" dir="auto">
            {title}
          </span>
          {answering ? (
            <span className="auteryn-thread-answering">{labels.threadAnswering}</span>
          ) : null}
        </button>
      )}
      {mode === 'view' && onRename ? (
        <button
          type="button"
          className="auteryn-thread-action"
          aria-label={labels.renameThread(title)}
          title={labels.renameThread(title)}
          tabIndex={tabIndex}
          onFocus={() => onFocusRow(thread.id)}
          onClick={() => onModeChange(thread.id, 'rename')}
        >
          <svg {...icon}>
            <path d="M11 2l3 3-8 8H3v-3z" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
      ) : null}
      {mode === 'view' && onDelete ? (
        <button
          type="button"
          className="auteryn-thread-action"
          aria-label={labels.deleteThread(title)}
          title={labels.deleteThread(title)}
          tabIndex={tabIndex}
          onFocus={() => onFocusRow(thread.id)}
          onClick={() => onModeChange(thread.id, 'confirm')}
        >
          <svg {...icon}>
            <path
              d="M3 4h10M6 4V2.5h4V4M4.5 4l.7 9.5h5.6l.7-9.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
            />
          </svg>
        </button>
      ) : null}
      {mode === 'confirm' ? (
        <div
          className="auteryn-thread-confirm"
          role="group"
          aria-label={labels.confirmDeleteThread(title)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return
            event.stopPropagation()
            onModeChange(thread.id, 'view')
          }}
        >
          <span dir="auto">{labels.confirmDeleteThread(title)}</span>
          <button
            ref={confirmRef}
            type="button"
            className="auteryn-thread-confirm-delete"
            onClick={() => onDelete?.(thread.id)}
          >
            {labels.confirmDelete}
          </button>
          <button type="button" onClick={() => onModeChange(thread.id, 'view')}>
            {labels.cancel}
          </button>
        </div>
      ) : null}
    </li>
  )
})
