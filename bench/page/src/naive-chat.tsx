/**
 * The naive baseline: the same transport (the client's stream()), but a `useState` array copied
 * on every chunk, one setState per chunk, and every message and its whole markdown rendered again.
 */
import { useLayoutEffect, useState } from 'react'
import {
  createAgentClient,
  type AssistantMessage,
  type Message,
  type MessagePart,
  type RunEvent,
} from '@auteryn/client'
import { NaiveMarkdown } from './naive-markdown'
import type { ChatControls } from './chat-controls'

function applyEvent(messages: Message[], event: RunEvent): Message[] {
  const next = [...messages]
  const last = { ...(next[next.length - 1] as AssistantMessage) }
  const parts = [...last.parts]
  const tail = parts[parts.length - 1]
  if (event.type === 'text_chunk') {
    if (tail?.kind === 'text')
      parts[parts.length - 1] = { ...tail, text: tail.text + event.content }
    else parts.push({ kind: 'text', text: event.content })
  } else if (event.type === 'tool_call') {
    const id = `${last.id}:tool:${parts.length}`
    parts.push({ kind: 'tool', id, ...event, state: 'running' })
  } else if (event.type === 'tool_result') {
    const open = parts.findIndex((part) => part.kind === 'tool' && part.state === 'running')
    const part = parts[open]
    if (part?.kind === 'tool') parts[open] = { ...part, result: event.result, state: 'done' }
  } else if (event.type === 'run_completed') {
    last.status = 'complete'
  }
  last.parts = parts
  next[next.length - 1] = last
  return next
}

function NaivePart({ part }: { part: MessagePart }) {
  if (part.kind === 'text') return <NaiveMarkdown text={part.text} />
  return (
    <div className="naive-tool" data-state={part.state}>
      <strong>
        {part.tool}.{part.action}
      </strong>
      <pre>{JSON.stringify(part.params, null, 2)}</pre>
      {part.result !== undefined && <pre>{JSON.stringify(part.result, null, 2)}</pre>}
    </div>
  )
}

function NaiveMessage({ message }: { message: Message }) {
  return (
    <article className="naive-message" data-role={message.role}>
      {message.role === 'user' ? (
        <p>{message.text}</p>
      ) : (
        message.parts.map((part, index) => <NaivePart key={index} part={part} />)
      )}
    </article>
  )
}

export function NaiveChat(props: {
  initial: Message[]
  fetch: typeof fetch
  controls: ChatControls
}) {
  const [messages, setMessages] = useState(props.initial)
  const { controls, fetch } = props
  useLayoutEffect(() => {
    controls.rendered = messages
  })
  useLayoutEffect(() => {
    controls.send = async (query) => {
      const client = createAgentClient({ endpoint: '/api/run', fetch })
      const user: Message = { id: 'naive-question', role: 'user', text: query }
      const answer: Message = {
        id: 'naive-answer',
        role: 'assistant',
        parts: [],
        status: 'streaming',
      }
      setMessages((previous) => [...previous, user, answer])
      for await (const event of client.stream({ query })) {
        setMessages((previous) => applyEvent(previous, event))
      }
    }
  }, [controls, fetch])
  return (
    <div className="naive-thread">
      {messages.map((message) => (
        <NaiveMessage key={message.id} message={message} />
      ))}
    </div>
  )
}
