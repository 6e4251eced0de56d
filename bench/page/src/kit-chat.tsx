/** The kit as an app uses it: `useAgentRun` over a store, `<ChatThread>` rendering its messages. */
import { useLayoutEffect } from 'react'
import type { ConversationStore } from '@auteryn/client'
import { ChatThread, useAgentRun } from '@auteryn/react'
import type { ChatControls } from './chat-controls'

export function KitChat(props: {
  store: ConversationStore
  fetch: typeof fetch
  controls: ChatControls
}) {
  const { controls } = props
  const run = useAgentRun({ store: props.store, fetch: props.fetch, endpoint: '/api/run' })
  useLayoutEffect(() => {
    controls.rendered = run.messages
    controls.send = run.send
  })
  return <ChatThread messages={run.messages} status={run.status} />
}
