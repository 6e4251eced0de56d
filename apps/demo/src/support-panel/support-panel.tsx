import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { CreditBadge, StatusRegion, describeError, type AgentRun } from '@auteryn/react'
import { NewConversationButton } from '../new-conversation-button'
import { SupportMessage } from './support-message'

const starters = ['Why did my bill go up?', 'Find a slot to meet the billing team']

/** A compact assistant panel with its own layout, reading everything from `useAgentRun`. */
export function SupportPanel({ run }: { run: AgentRun }) {
  const [draft, setDraft] = useState('')
  const listRef = useRef<HTMLOListElement>(null)
  const running = run.status === 'submitted' || run.status === 'streaming'
  const last = run.messages.at(-1)
  const failed =
    last?.role === 'assistant' && last.status !== 'complete' && last.status !== 'streaming'

  // Follow the answer as it streams; the panel is short, so this is all the scrolling it needs.
  useEffect(() => {
    const list = listRef.current
    if (list) list.scrollTop = list.scrollHeight
  }, [run.messages])

  function submit(event?: FormEvent) {
    event?.preventDefault()
    const text = draft.trim()
    if (text === '' || running) return
    run.send(text)
    setDraft('')
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && running) {
      event.preventDefault()
      run.stop()
    }
  }

  return (
    <aside className="support-panel" aria-labelledby="support-title" data-state={run.status}>
      <header className="support-header">
        <div>
          <h2 id="support-title">Support assistant</h2>
          <p className="support-status">
            <span className="status-dot" aria-hidden="true" />
            {running ? 'Answering…' : 'Online'}
          </p>
        </div>
        <NewConversationButton compact onClick={run.reset} disabled={run.messages.length === 0} />
      </header>

      {run.messages.length === 0 ? (
        <div className="support-empty">
          <p>Hi! Ask about your plan, invoices or usage.</p>
          <div className="starter-list">
            {starters.map((starter) => (
              <button
                key={starter}
                type="button"
                className="chip"
                onClick={() => run.send(starter)}
              >
                {starter}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <ol ref={listRef} className="support-messages" aria-label="Support conversation">
          {run.messages.map((message) => (
            <SupportMessage key={message.id} message={message} />
          ))}
        </ol>
      )}

      {run.error && (
        <div className="support-error" role="alert">
          <p>{describeError(run.error).text}</p>
          {failed && (
            <button type="button" className="button button-secondary" onClick={run.retry}>
              Try again
            </button>
          )}
        </div>
      )}

      <footer className="support-footer">
        <CreditBadge credits={run.credits.lastRun} total={run.credits.total} />
        <form className="support-form" onSubmit={submit}>
          <label htmlFor="support-input" className="visually-hidden">
            Message the support assistant
          </label>
          <input
            id="support-input"
            className="input"
            value={draft}
            placeholder="Ask a question…"
            autoComplete="off"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          {running ? (
            <button type="button" className="button" onClick={run.stop}>
              Stop
            </button>
          ) : (
            <button type="submit" className="button" disabled={draft.trim() === ''}>
              Send
            </button>
          )}
        </form>
      </footer>
      {/* The bubbles are not a live region; screen readers hear the kit's short announcements. */}
      <StatusRegion status={run.status} messages={run.messages} error={run.error} />
    </aside>
  )
}
