import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMockAgent } from './mock-agent'
import { githubAnswer, plainAnswer } from './scenario-content'
import { postRun, readEvents } from '../test/test-helpers'

type Event = Record<string, unknown>
const textOf = (events: Array<Event | string>) =>
  events
    .filter((event): event is Event => typeof event === 'object' && event.type === 'text_chunk')
    .map((event) => event.content)
    .join('')

afterEach(() => {
  vi.useRealTimers()
})

describe('createMockAgent: streaming', () => {
  it('streams a plain answer token by token between run_started and run_completed', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    const response = await agent(postRun({ query: 'hello' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = (await readEvents(response)) as Event[]
    const first = events[0]!
    const last = events.at(-1)!
    expect(first.type).toBe('run_started')
    expect(first.task_id).toMatch(/^task_[0-9a-f]{16}$/)
    expect(last).toEqual({
      type: 'run_completed',
      run_id: first.run_id,
      credits_used: 1,
      duration_ms: 912,
    })
    const chunks = events.slice(1, -1)
    expect(chunks.every((event) => event.type === 'text_chunk')).toBe(true)
    expect(chunks.every((event) => String(event.content).trim().length <= 4)).toBe(true)
    expect(textOf(events)).toBe(plainAnswer)
  })

  it('calls a tool with JSON params and reports its result before the answer', async () => {
    const agent = createMockAgent()
    const events = (await readEvents(await agent(postRun({ query: 'open bugs?' })))) as Event[]
    const types = events.map((event) => event.type)
    expect(types.indexOf('tool_call')).toBeLessThan(types.indexOf('tool_result'))
    expect(events.find((event) => event.type === 'tool_call')).toEqual({
      type: 'tool_call',
      tool: 'github',
      action: 'list_issues',
      params: { repo: 'acme/web', state: 'open', label: 'P1' },
    })
    expect(textOf(events)).toContain(githubAnswer)
  })

  it('keeps a history per task and starts a new task without task_id', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    const [first] = (await readEvents(await agent(postRun({ query: 'the Q3 roadmap' })))) as Event[]
    const again = await agent(postRun({ query: 'and now?', task_id: first!.task_id }))
    const events = (await readEvents(again)) as Event[]
    expect(events[0]!.task_id).toBe(first!.task_id)
    expect(textOf(events)).toMatch(/^Earlier you asked about “the Q3 roadmap”\./)
    expect(agent.history(String(first!.task_id))).toEqual(['the Q3 roadmap', 'and now?'])
    const fresh = (await readEvents(await agent(postRun({ query: 'new topic' })))) as Event[]
    expect(fresh[0]!.task_id).not.toBe(first!.task_id)
  })

  it('picks the scenario from a /scenario marker at the start of the query', async () => {
    const agent = createMockAgent({ scenario: 'plain' })
    const events = await readEvents(await agent(postRun({ query: '/scenario markdown' })))
    expect(textOf(events as Event[])).toContain('| step | owner | estimate |')
    const unknown = await agent(postRun({ query: '/scenario nope' }))
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_scenario' } })
  })

  it('streams thousands of chunks for the long scenario', async () => {
    const events = await readEvents(await createMockAgent()(postRun({ query: '/scenario long' })))
    expect(events.length).toBeGreaterThan(2000)
  })

  it('keeps a malformed event and an unknown event type on the wire', async () => {
    const agent = createMockAgent()
    const malformed = await readEvents(await agent(postRun({ query: '/scenario malformed' })))
    expect(malformed).toContain('{"type":"text_chunk","content":"unterminated')
    const unknown = (await readEvents(
      await agent(postRun({ query: '/scenario unknown-event' })),
    )) as Event[]
    expect(unknown.map((event) => event.type)).toContain('thinking')
    expect(unknown.at(-1)!.type).toBe('run_completed')
  })

  it('ends without run_completed for no-completion, with an error event for run-failed', async () => {
    const agent = createMockAgent()
    const open = (await readEvents(
      await agent(postRun({ query: '/scenario no-completion' })),
    )) as Event[]
    expect(open.map((event) => event.type)).not.toContain('run_completed')
    const failed = (await readEvents(
      await agent(postRun({ query: '/scenario run-failed' })),
    )) as Event[]
    expect(failed.at(-1)).toMatchObject({ type: 'error', code: 'agent_step_limit' })
  })

  it('sends the hostile content the renderer must neutralise', async () => {
    const events = await readEvents(
      await createMockAgent()(postRun({ query: '/scenario hostile' })),
    )
    const text = textOf(events as Event[])
    expect(text).toContain('[click](javascript:alert(1))')
    expect(text).toContain('<script>alert(1)</script>')
    expect(text).toContain('<img src=x onerror=alert(1)>')
    expect(text).toContain('![](https://tracker.example/pixel.gif)')
    expect(JSON.stringify(events)).toContain('<script>alert(\\"result\\")</script>')
  })

  it('resets the connection mid-stream for disconnect', async () => {
    const response = await createMockAgent()(postRun({ query: '/scenario disconnect' }))
    const reader = response.body!.getReader()
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toContain('run_started')
    let failure: unknown
    try {
      while (!(await reader.read()).done);
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(TypeError)
  })
})
