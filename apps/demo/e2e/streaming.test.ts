import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright'
import { startDemo, until, type Demo } from './harness'
import { ask, chooseScenario, dropInChat, ready } from './chat-page'

let demo: Demo
beforeAll(async () => {
  demo = await startDemo()
})
afterAll(async () => {
  await demo?.close()
})

async function openChat(scenario: string) {
  const { page } = await demo.open()
  await ready(page)
  await chooseScenario(page, scenario)
  return { page, ...dropInChat(page) }
}

/** Asks, then waits until the POST reached the proxy and the chat settled in `state`. */
async function askAndSettle(page: Page, question: string, state = 'idle') {
  const postsBefore = demo.posts.length
  await ask(page, question)
  await until(() => demo.posts.length > postsBefore, 'the POST reaches the proxy')
  await dropInChat(page).settled(state)
}

describe('the drop-in chat, through the proxy and the mock agent', () => {
  test('the answer streams in: its text grows over time, not all at once', async () => {
    const { page, thread, settled } = await openChat('plain')
    const postsBefore = demo.posts.length
    await ask(page, 'How do answers arrive?')

    await thread.getByText('Sure.').waitFor()
    const lengths: number[] = []
    while ((await dropInChat(page).chat.getAttribute('data-state')) !== 'idle') {
      lengths.push((await thread.innerText()).length)
      await page.waitForTimeout(100)
    }
    const distinct = [...new Set(lengths)]
    expect(distinct.length).toBeGreaterThanOrEqual(3)
    expect(distinct).toEqual([...distinct].sort((a, b) => a - b))
    await settled()
    await thread.getByText('report the credits each run used').waitFor()
    expect(demo.posts.length - postsBefore).toBe(1)
  })

  test('a tool card shows tool.action and its result; the credit badge shows the credits', async () => {
    const { page, chat, thread } = await openChat('tools')
    await askAndSettle(page, 'Which P1 bugs are open?')

    const card = thread.getByRole('button', { name: /github\.list_issues/ })
    expect(await card.getAttribute('aria-expanded')).toBe('false')
    await card.click()
    const details = page.locator(`[id="${await card.getAttribute('aria-controls')}"]`)
    await details.getByText('Result').first().waitFor()
    // The tool's JSON result, shown as text inside the card (parameters too).
    const shown = await details.innerText()
    expect(shown).toContain('acme/web')
    expect(shown).toContain('Password reset email sent twice')
    expect(await chat.getByText(/^6 credits ·/).count()).toBe(1)
  })

  test('Stop mid-stream keeps the partial answer and the server sees the connection close', async () => {
    const { page, thread, stop, settled } = await openChat('long')
    await ask(page, 'Write the readiness review')
    await thread.getByText('Production readiness review').waitFor()
    const post = demo.posts.at(-1)!
    const upstream = demo.upstream.at(-1)!

    await stop.click()
    await settled()
    const partial = await thread.innerText()
    expect(partial).toContain('Production readiness review')
    await thread.getByText('Stopped').waitFor()

    // On the resumable route Stop also sends DELETE, so the proxy may end the response itself
    // before it sees the browser's abort; either way the browser's request ends.
    await until(() => post.closedEarly || post.finished, 'the browser request ends')
    await until(() => upstream.signal.aborted, 'the proxy cancels the upstream run')
    // Nothing more arrives after Stop.
    await page.waitForTimeout(300)
    expect(await thread.innerText()).toBe(partial)
  })

  test('402 shows the out-of-credits banner', async () => {
    const { page, banner } = await openChat('out-of-credits')
    await askAndSettle(page, 'Anything', 'error')
    expect(await banner.innerText()).toContain('out of credits')
  })

  test('429 says when to retry', async () => {
    const { page, banner } = await openChat('rate-limited')
    await ask(page, 'Anything')
    // Watched from before it appears: the countdown (Retry-After: 2) only lasts two seconds.
    await banner.getByText(/retry in [12] s/i).waitFor()
    expect(demo.posts.at(-1)!.scenario).toBe('rate-limited')
  })

  test('a disconnect mid-stream shows an interrupted answer with Retry; Retry sends exactly one POST', async () => {
    const { page, chat, thread, settled } = await openChat('disconnect')
    await askAndSettle(page, 'What happened in the deploy?', 'error')
    expect(await thread.innerText()).toContain('Let me walk through')
    expect(await chat.getByRole('alert').innerText()).toContain('cut off')

    const postsBefore = demo.posts.length
    await chat.getByRole('button', { name: 'Retry' }).first().click()
    await until(() => demo.posts.length > postsBefore, 'the retry reaches the proxy')
    await settled('error')
    expect(demo.posts.length - postsBefore).toBe(1)
  })
})
