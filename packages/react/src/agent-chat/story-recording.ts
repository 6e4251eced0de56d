import {
  createAgentClient,
  createConversation,
  isAgentRunError,
  reduceConversation,
  type Conversation,
  type ConversationAction,
} from '@auteryn/client'

/**
 * The conversation an agent gives to one question, recorded once through the real client and
 * reducer: what a docs page shows for a story, instead of an empty chat waiting for its play
 * function. A failed run ends as the chat would show it (the error kept, the answer marked).
 */
export async function recordConversation(
  fetch: typeof globalThis.fetch,
  query: string,
): Promise<Conversation> {
  const client = createAgentClient({ endpoint: '/api/run', fetch })
  const runId = 'recorded-run'
  const actions: ConversationAction[] = [
    {
      type: 'send',
      runId,
      query,
      userMessageId: 'recorded-question',
      assistantMessageId: 'recorded-answer',
    },
  ]
  try {
    await client.forEachEvent(
      { query },
      (event) => void actions.push({ type: 'event', runId, event }),
    )
  } catch (error) {
    const info = isAgentRunError(error)
      ? error.toJSON()
      : { kind: 'network' as const, message: String(error) }
    actions.push({ type: 'fail', runId, error: info })
  }
  return actions.reduce(reduceConversation, createConversation())
}
