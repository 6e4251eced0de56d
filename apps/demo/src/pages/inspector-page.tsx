import { useDeferredValue, useEffect, useMemo, useRef } from 'react'
import { ChatThread, Composer, CreditBadge, StatusRegion, useAgentRun } from '@auteryn/react'
import type { Message, RunDiagnostic } from '@auteryn/client'
import { teeRawStream } from '../inspector/raw-stream'
import { useStreamLog, type LogEntry } from '../inspector/use-stream-log'
import { NewConversationButton } from '../new-conversation-button'

export function InspectorPage({ endpoint }: { endpoint: string }) {
  const [entries, counts, log] = useStreamLog()
  const inspectingFetch = useMemo(() => teeRawStream(log), [log])
  const run = useAgentRun({
    endpoint,
    fetch: inspectingFetch,
    onEvent: log.event,
    persist: { key: 'auteryn-demo:inspector' },
  })
  // The JSON view may lag a frame behind a fast stream; typing and the thread stay responsive.
  const state = useDeferredValue(
    useMemo(
      () => ({
        taskId: run.taskId,
        status: run.status,
        credits: run.credits,
        error: run.error,
        messages: run.messages,
      }),
      [run.taskId, run.status, run.credits, run.error, run.messages],
    ),
  )
  useEffect(() => {
    if (run.status === 'reconnecting') log.note('connection cut: reconnecting')
  }, [run.status, log])
  const diagnostics = useMemo(() => collectDiagnostics(run.messages), [run.messages])
  const logRef = useRef<HTMLOListElement>(null)
  // Follow the live end of the stream, unless the reader scrolled up to study an earlier line.
  const following = useRef(true)
  useEffect(() => {
    const log = logRef.current
    if (log && following.current) log.scrollTop = log.scrollHeight
  }, [entries])

  return (
    <div className="inspector">
      <section className="card inspector-chat" aria-labelledby="inspector-chat-title">
        <div className="card-header">
          <h2 id="inspector-chat-title">Conversation</h2>
          <NewConversationButton onClick={run.reset} disabled={run.messages.length === 0} />
        </div>
        <ChatThread messages={run.messages} status={run.status} onRetry={run.retry} />
        <Composer onSend={(text) => run.send(text)} onStop={run.stop} status={run.status} />
        <CreditBadge credits={run.credits.lastRun} total={run.credits.total} />
        <StatusRegion status={run.status} messages={run.messages} error={run.error} />
      </section>

      <section className="card" aria-labelledby="raw-title">
        <div className="card-header">
          <h2 id="raw-title">Raw stream</h2>
          <p className="card-meta">
            {counts.raw} lines · {counts.events} events parsed
          </p>
        </div>
        {entries.length === 0 ? (
          <p className="empty-note">Send a message to see the server-sent events as they arrive.</p>
        ) : (
          <ol
            ref={logRef}
            className="event-log"
            aria-label="Raw server-sent events"
            tabIndex={0}
            onScroll={(event) => {
              const log = event.currentTarget
              following.current = log.scrollHeight - log.scrollTop - log.clientHeight < 24
            }}
          >
            {entries.map((entry) => (
              <LogRow key={entry.id} entry={entry} />
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="state-title">
        <div className="card-header">
          <h2 id="state-title">Conversation state</h2>
          <p className="card-meta">what the reducer built</p>
        </div>
        <pre className="json-view" tabIndex={0} aria-labelledby="state-title">
          {JSON.stringify(state, null, 2)}
        </pre>
      </section>

      <section className="card" aria-labelledby="diagnostics-title">
        <div className="card-header">
          <h2 id="diagnostics-title">Diagnostics</h2>
          <p className="card-meta">{diagnostics.length} skipped or unknown events</p>
        </div>
        {diagnostics.length === 0 ? (
          <p className="empty-note">
            Nothing skipped. Try the <code>malformed</code> or <code>unknown-event</code> scenario.
          </p>
        ) : (
          <ul className="diagnostics">
            {diagnostics.map((diagnostic, index) => (
              <li key={index} data-kind={diagnostic.kind}>
                <strong>{diagnostic.kind.replace('_', ' ')}</strong>: {diagnostic.message}
                <code className="diagnostic-data">{diagnostic.data}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function LogRow({ entry }: { entry: LogEntry }) {
  return (
    <li className="event-row" data-kind={entry.kind}>
      <time className="event-time" dateTime={new Date(entry.at).toISOString()}>
        +{(entry.elapsedMs / 1000).toFixed(3)} s
      </time>
      {entry.kind === 'event' ? (
        <span className="event-parsed">↳ parsed as {entry.text}</span>
      ) : (
        <code className="event-text">{entry.text}</code>
      )}
    </li>
  )
}

function collectDiagnostics(messages: Message[]): RunDiagnostic[] {
  return messages.flatMap((message) =>
    message.role === 'assistant' ? (message.diagnostics ?? []) : [],
  )
}
