import type { Message } from '@auteryn/client'
import { messageText } from '../src/agent-run/message-text'
import { useAgentRun, type AgentRun, type UseAgentRunOptions } from '../src/agent-run/use-agent-run'

/** `messageText`, or '' while there is no message yet. */
export function textOf(message: Message | undefined): string {
  return message ? messageText(message) : ''
}

export interface TestChatProps extends UseAgentRunOptions {
  question?: string
  /** Receives the hook's latest result after each render, for assertions on actions. */
  onResult?: (run: AgentRun) => void
}

/** A minimal custom UI on useAgentRun: what a test clicks and reads, as a user would. */
export function TestChat({ question = 'What is open?', onResult, ...options }: TestChatProps) {
  const run = useAgentRun(options)
  onResult?.(run)
  return (
    <div>
      <p>status: {run.status}</p>
      <p>credits: {run.credits.total}</p>
      <p>task: {run.taskId ?? 'none'}</p>
      <ol aria-label="Messages">
        {run.messages.map((message) => (
          <li
            key={message.id}
            aria-label={message.role === 'user' ? 'question' : `answer ${message.status}`}
          >
            {textOf(message)}
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => run.send(question)}>
        Ask
      </button>
      <button type="button" onClick={run.stop}>
        Stop
      </button>
      <button type="button" onClick={run.retry}>
        Retry
      </button>
      <button type="button" onClick={run.reset}>
        Reset
      </button>
    </div>
  )
}
