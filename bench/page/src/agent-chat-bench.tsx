/** `<AgentChat>` as an app drops it in: composer, banner, credits and all, over the same store. */
import { useLayoutEffect, useRef } from 'react'
import type { ConversationStore } from '@auteryn/client'
import { AgentChat } from '@auteryn/react'
import type { ChatControls } from './chat-controls'

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set

export function AgentChatBench(props: {
  store: ConversationStore
  fetch: typeof fetch
  controls: ChatControls
}) {
  const { store, controls } = props
  const host = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    // <AgentChat> owns its hook; the bench reads what it renders from the same store.
    const update = () => {
      controls.rendered = [...store.getState().messages]
    }
    update()
    const unsubscribe = store.subscribe(update)
    // Sends as a person would: types into the composer, then presses Send.
    controls.send = (query) => {
      const textarea = host.current?.querySelector('textarea')
      if (!textarea || !setValue) throw new Error('no composer')
      setValue.call(textarea, query)
      textarea.dispatchEvent(new Event('input', { bubbles: true }))
      void nextFrame().then(() => {
        const button = host.current?.querySelector<HTMLButtonElement>('button[type="submit"]')
        if (!button) throw new Error('no Send button')
        button.click()
      })
    }
    return unsubscribe
  }, [store, controls])
  return (
    <div ref={host} style={{ height: '100vh' }}>
      <AgentChat store={store} fetch={props.fetch} endpoint="/api/run" />
    </div>
  )
}
