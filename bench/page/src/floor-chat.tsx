/**
 * The floor: the same page reading the same stream through the same hook and store, with the
 * thread on screen, but rendering the answer once, when it is done. What a pipeline costs above
 * this is what rendering while streaming costs.
 */
import { useLayoutEffect, useRef } from 'react'
import type { ConversationStore, Message } from '@auteryn/client'
import { AgentRunProvider, ChatThread, useAgentRunActions, useConversation } from '@auteryn/react'
import type { ChatControls } from './chat-controls'

const settled = (status: string) => status === 'idle' || status === 'error'

function FloorView({ controls }: { controls: ChatControls }) {
  const actions = useAgentRunActions()
  const live = useConversation((conversation) =>
    settled(conversation.status) ? conversation.messages : null,
  )
  const shown = useRef<readonly Message[]>([])
  if (live) shown.current = live
  useLayoutEffect(() => {
    controls.send = (query) => void actions.send(query)
    if (live) controls.rendered = [...live]
  })
  return <ChatThread messages={shown.current} />
}

export function FloorChat(props: {
  store: ConversationStore
  fetch: typeof fetch
  controls: ChatControls
}) {
  return (
    <AgentRunProvider store={props.store} fetch={props.fetch} endpoint="/api/run">
      <FloorView controls={props.controls} />
    </AgentRunProvider>
  )
}
