import type { Conversation } from '@auteryn/client'
import { useAgentRunContext } from './agent-run-provider'
import type { AgentRunActions } from './use-chat'
import { useStoreSelector } from './use-store-selector'

/**
 * Reads one slice of the provided conversation and re-renders only when it changes.
 * Return a field (or a primitive), not a new object, from the selector.
 */
export function useConversation<Selected>(
  selector: (conversation: Conversation) => Selected,
): Selected {
  return useStoreSelector(useAgentRunContext().store, selector)
}

/** `send`, `stop`, `retry` and `reset` of the provided chat; stable for its lifetime. */
export function useAgentRunActions(): AgentRunActions {
  const { actions } = useAgentRunContext()
  if (!actions) {
    throw new Error(
      'useAgentRunActions needs <AgentRunProvider value={useAgentRun(…)}>, not a bare store.',
    )
  }
  return actions
}
