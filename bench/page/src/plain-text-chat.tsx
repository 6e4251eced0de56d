/**
 * Plain text by hand: the floor's page (same stream, hook, store and thread on screen), plus the
 * least any renderer must do to show an answer while it streams: once a frame, the new text goes
 * into paragraphs written straight into the DOM (no React, no markdown), pinned to the bottom.
 * What this costs above the floor is what the browser itself charges to show text 60 times a
 * second in this thread; no pipeline that updates the screen every frame can cost less.
 */
import { useLayoutEffect, useRef } from 'react'
import type { ConversationStore, Message } from '@auteryn/client'
import { AgentRunProvider, ChatThread, useAgentRunActions, useConversation } from '@auteryn/react'
import type { ChatControls } from './chat-controls'

const settled = (status: string) => status === 'idle' || status === 'error'

const answerText = (message: Message | undefined) =>
  message?.role === 'assistant' && message.status === 'streaming'
    ? message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')
    : ''

/** Writes `text` into `host` as paragraphs, touching only the last one and any new ones. */
function createParagraphWriter(host: HTMLElement) {
  let written = 0
  let paragraph: Text | undefined
  let paragraphStart = 0
  return (text: string) => {
    if (text.length === written) return
    for (;;) {
      const end = text.indexOf('\n\n', Math.max(paragraphStart, written - 1))
      if (!paragraph) {
        const element = host.appendChild(document.createElement('p'))
        paragraph = element.appendChild(document.createTextNode(''))
      }
      if (end === -1) {
        paragraph.data = text.slice(paragraphStart)
        break
      }
      paragraph.data = text.slice(paragraphStart, end)
      paragraph = undefined
      paragraphStart = end + 2
      written = paragraphStart
    }
    written = text.length
  }
}

function PlainTextView({ store, controls }: { store: ConversationStore; controls: ChatControls }) {
  const actions = useAgentRunActions()
  const live = useConversation((conversation) =>
    settled(conversation.status) ? conversation.messages : null,
  )
  const shown = useRef<readonly Message[]>([])
  if (live) shown.current = live
  const frame = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    controls.send = (query) => void actions.send(query)
    if (live) controls.rendered = [...live]
  })
  useLayoutEffect(() => {
    const scroller = frame.current?.querySelector<HTMLElement>('.auteryn-thread-scroll')
    const content = scroller?.querySelector('.auteryn-thread-content')
    if (!scroller || !content) throw new Error('no thread to write into')
    let answer: HTMLElement | undefined
    let write: ((text: string) => void) | undefined
    let request = 0
    const paint = () => {
      request = 0
      const messages = store.getState().messages
      const text = answerText(messages[messages.length - 1])
      if (!text) {
        answer?.remove()
        answer = write = undefined
        return
      }
      if (!answer || !write) {
        answer = content.appendChild(document.createElement('div'))
        answer.className = 'auteryn-message'
        const markdown = answer.appendChild(document.createElement('div'))
        markdown.className = 'auteryn-markdown'
        write = createParagraphWriter(markdown)
      }
      write(text)
      scroller.scrollTop = scroller.scrollHeight
    }
    const unsubscribe = store.subscribe(() => {
      if (!request) request = requestAnimationFrame(paint)
    })
    return () => {
      unsubscribe()
      cancelAnimationFrame(request)
      answer?.remove()
    }
  }, [store])
  return (
    <div ref={frame} style={{ display: 'contents' }}>
      <ChatThread messages={shown.current} />
    </div>
  )
}

export function PlainTextChat(props: {
  store: ConversationStore
  fetch: typeof fetch
  controls: ChatControls
}) {
  return (
    <AgentRunProvider store={props.store} fetch={props.fetch} endpoint="/api/run">
      <PlainTextView store={props.store} controls={props.controls} />
    </AgentRunProvider>
  )
}
