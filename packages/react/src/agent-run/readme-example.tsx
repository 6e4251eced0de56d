import { messageText, useAgentRun } from '@auteryn/react'

export function SupportChat() {
  const { messages, status, error, send, stop, retry } = useAgentRun({ endpoint: '/api/run' })
  const running = status === 'submitted' || status === 'streaming'
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        const query = String(new FormData(event.currentTarget).get('message')).trim()
        if (running) stop()
        else if (query) send(query)
        event.currentTarget.reset()
      }}
    >
      {messages.map((message) => (
        <p key={message.id}>{`${message.role}: ${messageText(message)}`}</p>
      ))}
      {error && <p role="alert">{error.message}</p>}
      {error && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
      <input name="message" aria-label="Message" />
      <button>{running ? 'Stop' : 'Send'}</button>
    </form>
  )
}
