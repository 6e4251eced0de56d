// @vitest-environment node
import { afterAll, expect, test } from 'vitest'
import { createAgentClient } from './client'
import { documentedRun, openStream, sse, startTestServer } from '../test/loopback-server'

const server = await startTestServer((request, response) => {
  if (JSON.parse(request.body).stream === false) {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        run_id: 'r',
        task_id: 't',
        status: 'completed',
        output: 'ok',
        credits_used: 1,
        duration_ms: 2,
      }),
    )
    return
  }
  openStream(response)
  response.end(sse(...documentedRun))
})
afterAll(() => server.close())
const client = createAgentClient({ endpoint: server.url })

test('without a DOM, streaming fails clearly and sends nothing (fetch-event-source needs one)', async () => {
  const types: string[] = []
  const consume = async () => {
    for await (const event of client.stream({ query: 'hi' })) types.push(event.type)
  }
  await expect(consume()).rejects.toThrow('Streaming needs a DOM')
  expect(types).toEqual([])
  expect(await server.settledPosts()).toBe(0)
})

test('without a DOM, JSON mode works (for servers and scripts)', async () => {
  await expect(client.run({ query: 'hi' })).resolves.toMatchObject({ output: 'ok', toolCalls: [] })
})
