import { describe, expect, test } from 'vitest'
import { createMockAgent } from '@auteryn/testing'
import { recordConversation } from './story-recording'

describe('recordConversation', () => {
  test("records a scenario's whole answer, tool calls and credits included", async () => {
    const agent = createMockAgent({ scenario: 'tools', chunkDelayMs: 0 })
    const conversation = await recordConversation(agent.fetch, 'Any open P1 bugs?')
    expect(conversation.status).toBe('idle')
    expect(conversation.credits.total).toBe(6)
    expect(conversation.messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(conversation.messages[1]).toMatchObject({
      status: 'complete',
      parts: expect.arrayContaining([expect.objectContaining({ tool: 'github', state: 'done' })]),
    })
    expect(agent.requests).toBe(1)
  })

  test('records a refused request as the failed state the chat shows', async () => {
    const agent = createMockAgent({ scenario: 'out-of-credits', chunkDelayMs: 0 })
    const conversation = await recordConversation(agent.fetch, 'Anything')
    expect(conversation.status).toBe('error')
    expect(conversation.error).toMatchObject({ kind: 'http', status: 402 })
  })
})
