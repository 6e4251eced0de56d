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

async function askAndSettle(page: Page, question: string, state = 'idle') {
  const postsBefore = demo.posts.length
  await ask(page, question)
  await until(() => demo.posts.length > postsBefore, 'the POST reaches the proxy')
  await dropInChat(page).settled(state)
}

describe('hostile content', () => {
  test('runs no script, loads no tracking pixel, and its javascript: link is inert', async () => {
    const { page } = await demo.open()
    const dialogs: string[] = []
    const navigations: string[] = []
    const hostileRequests: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    page.on('framenavigated', (frame) => navigations.push(frame.url()))
    page.on('request', (request) => {
      const host = new URL(request.url()).hostname
      if (host !== '127.0.0.1') hostileRequests.push(request.url())
    })
    await ready(page)
    await chooseScenario(page, 'hostile')
    const pageUrl = page.url()
    const navigationsBefore = navigations.length
    const { chat, thread } = dropInChat(page)

    await askAndSettle(page, 'Give me the links')
    await thread.getByText('Here are the links you asked for').waitFor()
    await chat.getByText(/^4 credits ·/).waitFor()

    // The javascript: link is not a link at all, and clicking its text does nothing.
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0)
    await thread.getByText('click', { exact: true }).first().click()
    // Streamed HTML stays text: no script, iframe or image element came from it.
    expect(await chat.locator('script, iframe, img[src*="tracker"], img[onerror]').count()).toBe(0)
    // Give a would-be script or pixel a moment to show itself before asserting its absence.
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    expect(hostileRequests).toEqual([])
    expect(navigations.slice(navigationsBefore)).toEqual([])
    expect(page.url()).toBe(pageUrl)
  })
})

describe('a conversation across reloads and tab switches', () => {
  test('reload restores the conversation; the next question continues the same task_id', async () => {
    const { page } = await demo.open()
    await ready(page)
    await chooseScenario(page, 'plain')
    const { thread } = dropInChat(page)
    await askAndSettle(page, 'First question about markdown')
    expect(demo.upstream.at(-1)!.body.task_id).toBeUndefined()
    // The open conversation, as the thread list keeps it: its index names it, its key holds it.
    const taskId = await page.evaluate(() => {
      const index = JSON.parse(localStorage.getItem('auteryn-demo:threads:index') ?? '{}')
      const stored = localStorage.getItem(`auteryn-demo:threads:${index.activeId}`)
      return JSON.parse(stored ?? '{}').conversation?.taskId
    })
    expect(taskId).toMatch(/^task_/)

    await page.reload()
    await ready(page)
    await thread.getByText('First question about markdown').waitFor()
    await thread.getByText('report the credits each run used').waitFor()

    await askAndSettle(page, 'And a second one')
    expect(demo.upstream.at(-1)!.body.task_id).toBe(taskId)
    await thread.getByText('Earlier you asked about').waitFor()

    // New conversation: the next question starts a new task.
    await page.getByRole('button', { name: 'New conversation' }).first().click()
    await dropInChat(page).chat.getByText('Start a conversation').waitFor()
    await askAndSettle(page, 'A fresh start')
    expect(demo.upstream.at(-1)!.body.task_id).toBeUndefined()
    expect(await thread.innerText()).not.toContain('First question')
  })

  test('hiding and showing the tab mid-stream sends no second POST', async () => {
    const { page } = await demo.open()
    await ready(page)
    await chooseScenario(page, 'long')
    const { thread, stop, settled } = dropInChat(page)
    const postsBefore = demo.posts.length
    await ask(page, 'Write the readiness review')
    await thread.getByText('Production readiness review').waitFor()

    const setVisibility = (hidden: boolean) =>
      page.evaluate((hide) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (hide ? 'hidden' : 'visible'),
        })
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => hide })
        document.dispatchEvent(new Event('visibilitychange'))
      }, hidden)
    await setVisibility(true)
    await page.waitForTimeout(200)
    await setVisibility(false)
    const lengthAfterShow = (await thread.innerText()).length
    // The same run keeps streaming into the same answer.
    await expect
      .poll(async () => (await thread.innerText()).length, { timeout: 10_000 })
      .toBeGreaterThan(lengthAfterShow)
    await stop.click()
    await settled()
    expect(demo.posts.length - postsBefore).toBe(1)
  })
})

describe('the event inspector', () => {
  test('shows the raw events with timestamps, the parsed state and the skipped events', async () => {
    const { page } = await demo.open()
    await ready(page)
    await chooseScenario(page, 'malformed')
    await page.getByRole('tab', { name: 'Event inspector' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Event inspector' })
    const composer = panel.getByRole('textbox', { name: 'Message' })
    await composer.fill('Tell me both halves')
    await composer.press('Enter')
    const thread = panel.getByRole('log', { name: 'Conversation' })
    await thread
      .getByText('Here is the first half of the answer, and here is the second half.')
      .waitFor()
    await panel.getByText('2 credits', { exact: true }).waitFor()

    const raw = panel.getByRole('list', { name: 'Raw server-sent events' })
    // The broken line as it came over the wire, which the kit then skipped.
    await raw.getByText('data: {"type":"tool_call","tool":42}').waitFor()
    expect(await raw.locator('time').first().innerText()).toMatch(/^\+\d+\.\d{3} s$/)

    const state = JSON.parse(
      await panel.getByRole('region', { name: 'Conversation state' }).locator('pre').innerText(),
    )
    expect(state.status).toBe('idle')
    expect(state.taskId).toMatch(/^task_/)
    expect(state.messages.map((message: { role: string }) => message.role)).toEqual([
      'user',
      'assistant',
    ])

    const diagnostics = panel.getByRole('region', { name: 'Diagnostics' })
    await diagnostics.getByText('2 skipped or unknown events').waitFor()
    expect(await diagnostics.getByRole('listitem').count()).toBe(2)
  })
})
