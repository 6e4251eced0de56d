/**
 * The example as a user first runs it: `next start` with no AUTERYN_* variables, so the route's
 * upstream is the mock agent inside the Next server.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright'
import { chatOf, hydrated, launchBrowser, openPage, type WatchedPage } from './browser'
import { startNext, type NextServer } from './servers'

let app: NextServer
let browser: Browser
beforeAll(async () => {
  ;[app, browser] = await Promise.all([startNext(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

/** A session cookie as the page load hands it out. */
async function sessionCookie(): Promise<string> {
  const response = await fetch(app.url)
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  expect(cookie).toMatch(/^demo_session=[0-9a-f-]{36}$/)
  return cookie!
}

const post = (cookie: string | undefined, query: string) =>
  fetch(`${app.url}/api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, stream: true }),
  })

describe('the Next.js example with the embedded mock agent', () => {
  test('the page is server-rendered: its HTML holds the conversations, the chat, composer and suggestions', async () => {
    const html = await (await fetch(app.url)).text()
    expect(html).toMatch(/<nav [^>]*aria-label="Conversations"/)
    expect(html).toContain('New conversation')
    // The chat's frame, disabled until the browser has read the stored conversations.
    expect(html).toMatch(
      /<fieldset [^>]*disabled=""[^>]*><section class="auteryn-root auteryn-chat"[^>]*data-state="idle"/,
    )
    expect(html).toContain('Ask the agent')
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>Message<\/label><textarea id="\1"/)
    expect(html).toContain('What are the open P1 bugs?')
    // The kit's stylesheet, imported in the layout, is linked from the first paint.
    expect(html).toMatch(/<link rel="stylesheet" href="\/_next\/static\/[^"]+\.css"/)
  })

  test('the route streams: the first event arrives long before the run ends', async () => {
    const response = await post(await sessionCookie(), 'Which P1 bugs are open?')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    let firstEventAt: number | undefined
    let firstEventText = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
      if (firstEventAt === undefined && text.includes('\n\n')) {
        firstEventAt = Date.now()
        firstEventText = text
      }
    }
    const endedAt = Date.now()
    expect(firstEventText).toContain('run_started')
    expect(firstEventText).not.toContain('run_completed')
    expect(text).toContain('run_completed')
    // The mock paces about forty events 25 ms apart; a buffered response arrives all at the end.
    expect(endedAt - firstEventAt!).toBeGreaterThan(400)
  })

  test('a run without the session cookie is refused before anything is paid for', async () => {
    const response = await post(undefined, 'Who am I?')
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'no_session' } })
  })

  test('a question streams an answer with a tool card and credits; a reload hydrates it cleanly', async () => {
    const watched: WatchedPage = await openPage(browser, app.url)
    const { page } = watched
    const { chat, thread, settled, ask } = chatOf(page)
    await ask('Which P1 bugs are open?')

    await chat.and(page.locator('[data-state="streaming"]')).waitFor()
    await thread.getByText('I found', { exact: false }).waitFor()
    expect(await chat.getAttribute('data-state')).toBe('streaming')
    await settled()
    const card = thread.getByRole('button', { name: /github\.list_issues/ })
    await card.waitFor()
    expect(await chat.getByText(/^6 credits ·/).count()).toBe(1)
    // textContent, not innerText: innerText leaves out what content-visibility has not laid
    // out, which depends on the scroll position a reload restores.
    const answer = await thread.textContent()

    // The persisted conversation renders after hydration, without a mismatch.
    await page.reload()
    await thread.getByRole('button', { name: /github\.list_issues/ }).waitFor()
    expect(await thread.textContent()).toBe(answer)

    expect(watched.problems).toEqual([])
    const posts = watched.requests.filter((request) => request.method === 'POST')
    expect(posts.map((request) => new URL(request.url).pathname)).toEqual(['/api/run'])
    for (const request of watched.requests) {
      expect(JSON.stringify(request)).not.toMatch(/afk_/)
    }
  })

  test('two conversations: switching shows each one, and both survive a reload', async () => {
    const { page, problems, requests } = await openPage(browser, app.url)
    const { thread, conversations, settled, ask } = chatOf(page)
    const row = (name: string) => conversations.getByRole('button', { name, exact: true })

    await ask('Which P1 bugs are open?')
    await settled()
    await conversations.getByRole('button', { name: 'New conversation' }).click()
    await thread.getByText('Start a conversation').waitFor()
    await ask('Find a slot for a review tomorrow')
    await settled()
    await thread.getByRole('button', { name: /calendar\.find_slot/ }).waitFor()

    await row('Which P1 bugs are open?').click()
    await thread.getByRole('button', { name: /github\.list_issues/ }).waitFor()
    expect(await thread.textContent()).not.toContain('Find a slot')
    const bugs = await thread.textContent()
    await row('Find a slot for a review tomorrow').click()
    await thread.getByRole('button', { name: /calendar\.find_slot/ }).waitFor()
    const slot = await thread.textContent()

    await page.reload()
    await hydrated(page)
    // The conversation open before the reload is open after it.
    expect(await row('Find a slot for a review tomorrow').getAttribute('aria-current')).toBe('true')
    await thread.getByRole('button', { name: /calendar\.find_slot/ }).waitFor()
    expect(await thread.textContent()).toBe(slot)
    await row('Which P1 bugs are open?').click()
    await thread.getByRole('button', { name: /github\.list_issues/ }).waitFor()
    expect(await thread.textContent()).toBe(bugs)

    expect(problems).toEqual([])
    // Two questions, two runs: nothing was sent again by switching or reloading.
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(2)
  })
})
