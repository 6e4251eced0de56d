import {
  createAgentClient,
  createConversation,
  reduceConversation,
  type AgentRunError,
  type AssistantMessage,
  type Conversation,
  type ConversationAction,
  type RunDiagnostic,
} from '@auteryn/client'
import { describe, expect, it } from 'vitest'
import { createMockAgent } from './mock-agent'
import * as content from './scenario-content'
import type { ScenarioName } from './scenarios'

const runId = 'local-run'

/** Streams one scenario through the real client and the one reducer, as the UI would. */
async function streamScenario(scenario: ScenarioName) {
  const agent = createMockAgent({ slowDelayMs: 1 })
  const client = createAgentClient({ endpoint: '/api/run', fetch: agent.fetch })
  const query = `/scenario ${scenario}`
  let conversation = createConversation()
  const apply = (action: ConversationAction) => {
    conversation = reduceConversation(conversation, action)
  }
  apply({ type: 'send', runId, query, userMessageId: 'user-1', assistantMessageId: 'agent-1' })
  try {
    const onProtocolError = (diagnostic: RunDiagnostic) =>
      apply({ type: 'diagnostic', runId, diagnostic })
    for await (const event of client.stream({ query }, { onProtocolError })) {
      apply({ type: 'event', runId, event })
    }
  } catch (error) {
    apply({ type: 'fail', runId, error: (error as AgentRunError).toJSON() })
  }
  return { conversation, agent, message: assistant(conversation) }
}

function assistant(conversation: Conversation): AssistantMessage {
  const message = conversation.messages.at(-1)
  if (message?.role !== 'assistant') throw new Error('no assistant message')
  return message
}

const textOf = (message: AssistantMessage) =>
  message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')
const toolsOf = (message: AssistantMessage) =>
  message.parts.flatMap((part) => (part.kind === 'tool' ? [[part.tool, part.state]] : []))

describe('every scenario through @auteryn/client', () => {
  it.each<[ScenarioName, string, number]>([
    ['plain', content.plainAnswer, 1],
    ['markdown', content.markdownAnswer, 2],
    ['hostile', content.hostileAnswer, 4],
    ['long', content.longAnswer(), 12],
  ])('%s completes with its whole answer', async (scenario, answer, credits) => {
    const { conversation, message, agent } = await streamScenario(scenario)
    expect(message.status).toBe('complete')
    expect(textOf(message)).toBe(answer)
    expect(conversation.credits).toEqual({ lastRun: credits, total: credits })
    expect(conversation.status).toBe('idle')
    expect(agent.requests).toBe(1)
  })

  it.each<[ScenarioName, string[][]]>([
    ['tools', [['github', 'done']]],
    ['slow', [['github', 'done']]],
    [
      'parallel-tools',
      [
        ['search', 'done'],
        ['search', 'done'],
        ['search', 'done'],
      ],
    ],
    ['tool-error', [['calendar', 'error']]],
  ])('%s completes with its tool cards', async (scenario, tools) => {
    const { message } = await streamScenario(scenario)
    expect(message.status).toBe('complete')
    expect(toolsOf(message)).toEqual(tools)
  })

  it('pairs parallel results with their calls in order', async () => {
    const { message } = await streamScenario('parallel-tools')
    const results = message.parts.flatMap((part) => (part.kind === 'tool' ? [part.result] : []))
    expect(results).toEqual(content.searchResults)
  })

  it.each<[ScenarioName, number]>([
    ['malformed', 2],
    ['unknown-event', 2],
  ])('%s completes and keeps %i diagnostics', async (scenario, count) => {
    const { message } = await streamScenario(scenario)
    expect(message.status).toBe('complete')
    expect(message.diagnostics).toHaveLength(count)
  })

  it.each<[ScenarioName, object]>([
    ['unauthorized', { kind: 'http', status: 401, code: 'invalid_api_key' }],
    ['out-of-credits', { kind: 'http', status: 402, code: 'insufficient_credits' }],
    ['rate-limited', { kind: 'http', status: 429, code: 'rate_limited', retryAfterMs: 2000 }],
    ['server-error', { kind: 'http', status: 500 }],
    ['disconnect', { kind: 'interrupted' }],
    ['no-completion', { kind: 'interrupted' }],
    ['run-failed', { kind: 'run_failed', code: 'agent_step_limit' }],
  ])('%s fails with %o after one POST', async (scenario, error) => {
    const { conversation, message, agent } = await streamScenario(scenario)
    expect(conversation.error).toMatchObject(error)
    expect(message.error).toMatchObject(error)
    expect(agent.requests).toBe(1)
  })

  it('answers JSON mode through client.run', async () => {
    const agent = createMockAgent()
    const client = createAgentClient({ endpoint: '/api/run', fetch: agent.fetch })
    const result = await client.run({ query: 'open bugs?' })
    expect(result).toMatchObject({ status: 'completed', creditsUsed: 6, durationMs: 3241 })
    expect(result.toolCalls).toEqual([
      {
        tool: 'github',
        action: 'list_issues',
        params: content.githubCall.params,
        resultSummary: 'Found 3 items',
      },
    ])
    await expect(client.run({ query: '/scenario no-completion' })).rejects.toMatchObject({
      kind: 'run_failed',
    })
  })

  it('continues a task: the second run keeps the task id and recalls the first', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    const client = createAgentClient({ endpoint: '/api/run', fetch: agent.fetch })
    const first = await client.run({ query: 'the Q3 roadmap' })
    const second = await client.run({ query: 'and now?', taskId: first.taskId })
    expect(second.taskId).toBe(first.taskId)
    expect(second.output).toMatch(/^Earlier you asked about “the Q3 roadmap”/)
  })
})
