'use client'
import { useId, useState } from 'react'
import type { RunSettings, ThreadListOptions } from '@auteryn/client'
import { classNames } from '../class-names'
import { ThreadList } from '../thread-list/thread-list'
import { resolveThreadListLabels } from '../thread-list/thread-list-labels'
import { useThreadList } from '../thread-list/use-thread-list'
import { AgentChat, type AgentChatProps } from './agent-chat'

export interface AgentChatWithThreadsProps extends Omit<
  AgentChatProps,
  'chat' | 'store' | 'persist' | 'taskId'
> {
  /** Where the conversations are kept (`key`, `storage`, `onStorageError`). Default: `localStorage`, key `'auteryn:threads'`. */
  threads?: Omit<ThreadListOptions, 'chat'>
}

/** The run settings among the chat's props: every thread's chat gets them. */
function runSettings(props: AgentChatWithThreadsProps): RunSettings {
  const { endpoint, agentId, apiKey, headers, fetch, context, stream } = props
  const { onEvent, onFinish, onError } = props
  return { endpoint, agentId, apiKey, headers, fetch, context, stream, onEvent, onFinish, onError }
}

/**
 * `<AgentChat>` with its conversations beside it: a list to create, open, rename, search and
 * delete them (with undo), a menu on narrow screens. Each conversation keeps its own task and
 * history; an answer still streaming in one keeps streaming while another is open.
 */
export function AgentChatWithThreads(props: AgentChatWithThreadsProps) {
  const { threads: threadOptions, className, theme = 'system', ...chatProps } = props
  const labels = resolveThreadListLabels(props.labels)
  const threads = useThreadList({ ...threadOptions, chat: runSettings(props) })
  const [menuOpen, setMenuOpen] = useState(false)
  const panelId = useId()

  const close = () => setMenuOpen(false)
  return (
    <div
      className={classNames('auteryn-root', 'auteryn-threads-layout', className)}
      data-theme={theme}
    >
      <div className="auteryn-threads-grid" data-menu={menuOpen ? 'open' : 'closed'}>
        <button
          type="button"
          className="auteryn-threads-toggle"
          aria-expanded={menuOpen}
          aria-controls={panelId}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.5" />
          </svg>
          {labels.showThreads}
        </button>
        <ThreadList
          id={panelId}
          className="auteryn-threads-panel"
          threads={threads.threads}
          activeId={threads.activeId}
          answeringIds={threads.answeringIds}
          removed={threads.removed}
          loading={threads.status === 'loading'}
          labels={props.labels}
          onSelect={(id) => {
            threads.select(id)
            close()
          }}
          onCreate={() => {
            threads.create()
            close()
          }}
          onRename={threads.rename}
          onDelete={threads.remove}
          onUndo={threads.undoRemove}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && menuOpen) close()
          }}
        />
        {threads.activeChat ? (
          <AgentChat
            // A new chat view per thread: nothing of one (draft, dismissed banner) shows in another.
            key={threads.activeId}
            {...chatProps}
            chat={threads.activeChat}
            theme={theme}
            className="auteryn-threads-chat"
          />
        ) : (
          // Until the open conversation is read (on the server, while hydrating, from an async
          // storage): the chat's frame, so the first paint holds the title and composer, disabled
          // so that nothing is sent from a chat that is about to be replaced.
          <fieldset
            className="auteryn-threads-chat auteryn-threads-loading"
            disabled
            aria-busy="true"
          >
            <AgentChat {...chatProps} theme={theme} />
          </fieldset>
        )}
      </div>
    </div>
  )
}
