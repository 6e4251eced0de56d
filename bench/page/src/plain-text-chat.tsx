/**
 * Plain text by hand: the floor (same stream, hook, store and thread on screen), plus about the
 * least a renderer can do to show an answer while it streams: once a frame, the text that arrived
 * since the last frame is appended straight to paragraphs in the DOM (no React, no markdown), and
 * the thread is pinned to the bottom. What this costs above the floor is what the browser itself
 * charges, in this thread, to show new text every frame.
 */
import { useLayoutEffect, useRef } from 'react'
import type { ConversationStore, Message } from '@auteryn/client'
import type { ChatControls } from './chat-controls'
import { FloorChat } from './floor-chat'

/** The streaming answer's text parts; only the last one grows. */
const streamingTexts = (message: Message | undefined) =>
  message?.role === 'assistant' && message.status === 'streaming'
    ? message.parts.flatMap((part) => (part.kind === 'text' ? [part.text] : []))
    : []

/** Appends text to `host` as paragraphs: new text goes to the last one, `\n\n` starts another. */
function createParagraphWriter(host: HTMLElement) {
  let paragraph: Text | undefined
  let pendingNewline = false
  const newParagraph = () => {
    paragraph = host.appendChild(document.createElement('p')).appendChild(new Text(''))
    return paragraph
  }
  return (added: string) => {
    if (!added) return
    // A lone `\n` at the end of one frame may be the first half of a `\n\n` in the next.
    let text = pendingNewline ? `\n${added}` : added
    pendingNewline = text.endsWith('\n') && !text.endsWith('\n\n')
    if (pendingNewline) text = text.slice(0, -1)
    const [first = '', ...rest] = text.split('\n\n')
    ;(paragraph ?? newParagraph()).appendData(first)
    for (const next of rest) newParagraph().appendData(next)
  }
}

function usePlainTextWriter(store: ConversationStore) {
  const frame = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const scroller = frame.current?.querySelector<HTMLElement>('.auteryn-thread-scroll')
    const content = scroller?.querySelector('.auteryn-thread-content')
    if (!scroller || !content) throw new Error('no thread to write into')
    let answer: HTMLElement | undefined
    let write: ((added: string) => void) | undefined
    let written = { parts: 0, length: 0 }
    let request = 0
    const paint = () => {
      request = 0
      const messages = store.getState().messages
      const texts = streamingTexts(messages[messages.length - 1])
      if (texts.length === 0) {
        answer?.remove()
        answer = write = undefined
        written = { parts: 0, length: 0 }
        return
      }
      if (!answer || !write) {
        answer = content.appendChild(document.createElement('div'))
        answer.className = 'auteryn-message'
        const markdown = answer.appendChild(document.createElement('div'))
        markdown.className = 'auteryn-markdown'
        write = createParagraphWriter(markdown)
      }
      for (let index = Math.max(written.parts - 1, 0); index < texts.length; index++) {
        const text = texts[index]!
        const from = index === written.parts - 1 ? written.length : 0
        // A text part after a tool call starts a paragraph of its own.
        write(from === 0 && index > 0 ? `\n\n${text}` : text.slice(from))
        written = { parts: index + 1, length: text.length }
      }
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
  return frame
}

export function PlainTextChat(props: {
  store: ConversationStore
  fetch: typeof fetch
  controls: ChatControls
}) {
  const frame = usePlainTextWriter(props.store)
  return (
    <div ref={frame} style={{ display: 'contents' }}>
      <FloorChat {...props} />
    </div>
  )
}
