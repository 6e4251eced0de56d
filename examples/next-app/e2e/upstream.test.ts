/**
 * The example configured for a real API: AUTERYN_UPSTREAM points at a mock Auteryn API over HTTP,
 * so the test sees what the route forwards (key, identity) and what the browser never gets.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright'
import { chatOf, launchBrowser, openPage } from './browser'
import { startMockUpstream, startNext, until, type MockUpstream, type NextServer } from './servers'

let upstream: MockUpstream
let app: NextServer
let browser: Browser
beforeAll(async () => {
  upstream = await startMockUpstream()
  ;[app, browser] = await Promise.all([
    startNext({
      AUTERYN_UPSTREAM: upstream.url,
      AUTERYN_API_KEY: upstream.apiKey,
      AUTERYN_AGENT_ID: upstream.agentId,
    }),
    launchBrowser(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  await upstream?.close()
})

describe('the Next.js example in front of an upstream API', () => {
  test('the route adds the key and the session user; the browser never sees the key', async () => {
    const watched = await openPage(browser, app.url)
    const { page, problems, requests } = watched
    const { thread, settled, ask } = chatOf(page)
    await ask('Which P1 bugs are open?')
    await settled()
    await thread.getByRole('button', { name: /github\.list_issues/ }).waitFor()

    const session = (await page.context().cookies()).find(({ name }) => name === 'demo_session')
    expect(upstream.runs).toHaveLength(1)
    expect(upstream.runs[0]).toMatchObject({
      authorization: `Bearer ${upstream.apiKey}`,
      body: {
        query: 'Which P1 bugs are open?',
        context: { user_id: `demo-${session?.value}`, user_name: 'Demo user' },
      },
    })

    expect(requests.some((request) => request.url.endsWith('/api/run'))).toBe(true)
    for (const request of requests) expect(JSON.stringify(request)).not.toContain('afk_')
    expect(problems).toEqual([])
  })

  test('Stop mid-answer ends the upstream run: the route sees the browser leave', async () => {
    const { page, problems } = await openPage(browser, app.url)
    const { chat, thread, settled, ask } = chatOf(page)
    const runsBefore = upstream.runs.length
    await ask('/scenario long Write the readiness review')
    await thread.getByText('Production readiness review').waitFor()
    await chat.getByRole('button', { name: 'Stop' }).click()
    await settled()

    expect(upstream.runs.length - runsBefore).toBe(1)
    await until(() => upstream.runs.at(-1)!.closedEarly, 'the route stops the upstream run')
    expect(problems).toEqual([])
  })
  test('DELETE with the run key stops a resumable run, for the session that started it only', async () => {
    const cookieOf = async () => (await fetch(app.url)).headers.get('set-cookie')!.split(';')[0]!
    const [owner, stranger] = await Promise.all([cookieOf(), cookieOf()])
    const key = `run_${crypto.randomUUID()}`
    const runsBefore = upstream.runs.length
    const response = await fetch(`${app.url}/api/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, cookie: owner },
      body: JSON.stringify({ query: '/scenario long Write the readiness review', stream: true }),
    })
    expect(response.headers.get('auteryn-resumable')).toBe('1')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!text.includes('text_chunk')) text += (await reader.read()).value ?? ''

    const stop = (cookie: string) =>
      fetch(`${app.url}/api/run`, {
        method: 'DELETE',
        headers: { 'idempotency-key': key, cookie },
      })
    expect((await stop(stranger)).status).toBe(404)
    expect(upstream.runs.at(-1)!.closedEarly).toBe(false)
    expect((await stop(owner)).status).toBe(204)

    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += chunk.value
    }
    expect(text).toContain('event: auteryn:end')
    expect(text).toContain('"reason":"stopped"')
    expect(text).not.toContain('run_completed')
    expect(upstream.runs.length - runsBefore).toBe(1)
    await until(() => upstream.runs.at(-1)!.closedEarly, 'the route stops the upstream run')
  })
})

describe('an answer survives a reload', () => {
  // The slow scenario paces the answer over seconds, so the reload lands in the middle of it.
  const question = '/scenario slow Which P1 bugs are open?'

  /**
   * What a reader sees of the latest answer: its text, its tool cards and its credits. Not the
   * tool's duration, which depends on when the events arrived.
   */
  async function shownAnswer(page: Page) {
    const { chat, answer } = chatOf(page)
    return {
      text: await answer.locator('.auteryn-markdown').allInnerTexts(),
      tools: await answer.getByRole('button', { name: /github\.list_issues/ }).count(),
      credits: await chat.getByText(/^6 credits ·/).count(),
      state: await answer.getAttribute('data-state'),
    }
  }

  test('a reload mid-answer re-attaches with the run key and Last-Event-ID: the whole answer, one upstream run', async () => {
    const uncut = await openPage(browser, app.url)
    await chatOf(uncut.page).ask(question)
    await chatOf(uncut.page).settled()
    const expected = await shownAnswer(uncut.page)
    expect(expected).toMatchObject({ tools: 1, credits: 1, state: 'complete' })

    const runsBefore = upstream.runs.length
    const { page, problems, requests } = await openPage(browser, app.url)
    const { answer, settled, ask } = chatOf(page)
    await ask(question)
    await answer.getByText('Let me check').waitFor()
    const posts = () => requests.filter((request) => request.method === 'POST')
    await page.reload()
    // The headers are read from the browser after the request goes out.
    const headersRead = () => posts().every((post) => Object.keys(post.headers).length > 0)
    await until(
      () => posts().length === 2 && headersRead(),
      'the reloaded page re-attaches to the run',
    )
    // Re-attached while the answer was still being written upstream.
    expect(upstream.runs.at(-1)!.finished).toBe(false)
    const [sent, resumed] = posts()
    expect(resumed!.headers['idempotency-key']).toMatch(/^[\w-]{22,}$/)
    expect(resumed!.headers['idempotency-key']).toBe(sent!.headers['idempotency-key'])
    expect(Number(resumed!.headers['last-event-id'])).toBeGreaterThan(0)

    await settled()
    expect(await shownAnswer(page)).toEqual(expected)
    expect(upstream.runs.length - runsBefore).toBe(1)
    expect(upstream.runs.at(-1)!.finished).toBe(true)
    expect(problems).toEqual([])
  })
})
