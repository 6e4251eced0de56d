import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Locator, Page } from 'playwright'
import { startDemo, type Demo } from './harness'
import { ask, chooseScenario, dropInChat, ready } from './chat-page'

let demo: Demo
beforeAll(async () => {
  demo = await startDemo({ chunkDelayMs: 15 })
})
afterAll(async () => {
  await demo?.close()
})

const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]

/** How far the page itself can scroll, and how far it has. */
const pageScroll = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!
    return { room: root.scrollHeight - root.clientHeight, top: root.scrollTop }
  })

const threadScroll = (thread: Locator) =>
  thread.evaluate((element) => ({
    room: element.scrollHeight - element.clientHeight,
    top: element.scrollTop,
    height: element.clientHeight,
  }))

async function expectInViewport(page: Page, locator: Locator) {
  const box = (await locator.boundingBox())!
  const viewport = page.viewportSize()!
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width)
}

describe('the drop-in chat fits the window', () => {
  for (const size of sizes) {
    test(`${size.name} ${size.width}×${size.height}: the composer is on screen and only the thread scrolls`, async () => {
      const { page } = await demo.open('/', size)
      await ready(page)
      const { composer, thread } = dropInChat(page)
      await expectInViewport(page, composer)
      expect(await pageScroll(page)).toEqual({ room: 0, top: 0 })

      // A long answer, streaming: soon more than the thread can show.
      await chooseScenario(page, 'long')
      await ask(page, 'Write the production readiness review')
      await expect
        .poll(async () => (await threadScroll(thread)).room, { timeout: 10_000 })
        .toBeGreaterThan(300)
      expect(await dropInChat(page).chat.getAttribute('data-state')).toBe('streaming')
      // The thread takes the room the window leaves, not a sliver of it.
      expect((await threadScroll(thread)).height).toBeGreaterThan(size.height / 2)
      await expectInViewport(page, composer)
      expect(await pageScroll(page)).toEqual({ room: 0, top: 0 })

      // Scrolling over the thread moves the thread, never the page.
      const before = await threadScroll(thread)
      await thread.hover()
      await page.mouse.wheel(0, -600)
      await expect.poll(async () => (await threadScroll(thread)).top).toBeLessThan(before.top)
      expect(await pageScroll(page)).toEqual({ room: 0, top: 0 })
      await expectInViewport(page, composer)
    })
  }
})

describe('tool cards', () => {
  test('opening a card at the bottom of a pinned thread keeps its header where it was', async () => {
    const { page } = await demo.open('/', { width: 1280, height: 800 })
    await ready(page)
    await chooseScenario(page, 'parallel-tools')
    const { thread, settled } = dropInChat(page)
    for (const question of ['Search for the release notes', 'And once more, please']) {
      await ask(page, question)
      await settled()
    }
    expect((await threadScroll(thread)).room).toBeGreaterThan(0)

    const toggle = thread.getByRole('button', { expanded: false }).last()
    const before = (await toggle.boundingBox())!
    await toggle.click()
    await thread.getByRole('button', { expanded: true }).waitFor()
    // Give the thread a few frames to follow the end, as it would if still pinned.
    await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100))),
        ),
    )
    const after = (await thread.getByRole('button', { expanded: true }).boundingBox())!
    expect(after.y).toBeCloseTo(before.y, 0)
    const view = (await thread.boundingBox())!
    expect(after.y).toBeGreaterThanOrEqual(view.y)
    expect(after.y + after.height).toBeLessThanOrEqual(view.y + view.height)
  })
})
