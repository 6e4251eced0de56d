// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { createRunHandler } from './create-run-handler'
import { apiKey, agentId, newKey, parseBlocks } from '../test/resumable-test-helpers'
import { listen, type TestServer } from '../test/test-servers'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const chunk = (content: string) => `data: ${JSON.stringify({ type: 'text_chunk', content })}\n\n`

/** An upstream that sends these events, each in its own write, a few ms apart. */
async function upstreamSending(events: string[]) {
  const server = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    let index = 0
    const next = () => {
      if (index === events.length) return void res.end()
      res.write(events[index++])
      setTimeout(next, 5)
    }
    next()
  })
  servers.push(server)
  return server.url
}

async function joinedText(upstream: string, headers: Record<string, string>) {
  const handler = createRunHandler({ apiKey, agentId, upstream })
  const response = await handler(
    new Request('http://app.test/api/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"query":"hi"}',
    }),
  )
  const events = parseBlocks(await response.text()).filter((event) => event.event === undefined)
  const parsed = events.map((event) => JSON.parse(event.data) as Record<string, unknown>)
  return {
    types: parsed.map((event) => event.type),
    text: parsed.map((event) => event.content ?? '').join(''),
  }
}

describe('the key split over text chunks', () => {
  for (const [mode, headers] of [
    ['not resumable', {}],
    ['resumable', { 'idempotency-key': newKey() }],
  ] as const) {
    it(`never reaches the browser's joined text (${mode})`, async () => {
      const upstream = await upstreamSending([
        chunk('Your key is afk_li'),
        chunk(apiKey.slice(6, 12)),
        ...[...apiKey.slice(12)].map(chunk),
        chunk(' and that is all. a'),
        'data: {"type":"tool_call","tool":"t","action":"a","params":{}}\n\n',
        chunk('Done, a'),
      ])
      const { text, types } = await joinedText(upstream, headers)
      expect(text).toBe('Your key is [redacted] and that is all. aDone, a')
      expect(types.filter((type) => type === 'tool_call')).toHaveLength(1)
      expect(types.at(-1)).toBe('text_chunk')
    })
  }
})
