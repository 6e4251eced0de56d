import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from 'playwright'
import { startDemo, until, type Demo } from './harness'
import { chooseScenario, dropInChat, ready } from './chat-page'

let demo: Demo
beforeAll(async () => {
  // Quick answers: these tests are about focus and markup, not pacing.
  demo = await startDemo({ chunkDelayMs: 5 })
})
afterAll(async () => {
  await demo?.close()
})

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement)

/** Presses `key` until `target` has focus; fails if it is not reachable within `limit` presses. */
async function pressUntilFocused(page: Page, key: string, target: Locator, limit = 40) {
  for (let presses = 0; presses < limit; presses++) {
    if (await isFocused(target)) return
    await page.keyboard.press(key)
  }
  throw new Error(`Not reachable with ${key} in ${limit} presses`)
}

describe('keyboard', () => {
  test('the whole flow works by keyboard alone', async () => {
    const { page } = await demo.open()
    await ready(page)
    await chooseScenario(page, 'long')
    const { composer, thread, settled } = dropInChat(page)

    await page.locator('body').focus()
    await pressUntilFocused(page, 'Tab', composer)
    const postsBefore = demo.posts.length
    await page.keyboard.type('Write the readiness review')
    await page.keyboard.press('Enter')
    await thread.getByText('Production readiness review').waitFor()
    expect(demo.posts.length - postsBefore).toBe(1)

    // Escape in the composer stops the answer and keeps what arrived.
    await page.keyboard.press('Escape')
    await settled()
    await thread.getByText('Stopped').waitFor()
    expect(await thread.innerText()).toContain('Production readiness review')

    // Shift+Tab back to "New conversation", Enter starts over.
    const newConversation = page.getByRole('button', { name: 'New conversation' }).first()
    await pressUntilFocused(page, 'Shift+Tab', newConversation)
    await page.keyboard.press('Enter')
    await dropInChat(page).chat.getByText('Start a conversation').waitFor()

    // The page tabs: arrows move between them.
    const chatTab = page.getByRole('tab', { name: 'Drop-in chat' })
    await pressUntilFocused(page, 'Shift+Tab', chatTab)
    await page.keyboard.press('ArrowRight')
    const customTab = page.getByRole('tab', { name: 'Custom UI' })
    expect(await customTab.getAttribute('aria-selected')).toBe('true')
    expect(await isFocused(customTab)).toBe(true)
    await page.getByRole('complementary', { name: 'Support assistant' }).waitFor()

    // In the support panel too: Tab to its input, type, Enter sends exactly one POST.
    await chooseScenario(page, 'plain')
    const input = page.getByRole('textbox', { name: 'Message the support assistant' })
    await customTab.focus()
    await pressUntilFocused(page, 'Tab', input)
    const postsBeforePanel = demo.posts.length
    await page.keyboard.type('Why did my bill go up?')
    await page.keyboard.press('Enter')
    await page.getByRole('list', { name: 'Support conversation' }).getByText('Sure.').waitFor()
    await until(() => demo.posts.length === postsBeforePanel + 1, 'one POST for the panel')
  })
})

describe('accessibility', () => {
  const pages = [
    { tab: 'Drop-in chat', question: 'Which P1 bugs are open?' },
    { tab: 'Custom UI', question: 'Why did my bill go up?' },
    { tab: 'Event inspector', question: 'Which P1 bugs are open?' },
  ]

  test('axe finds no violations on any page, in light and dark', async () => {
    const { page } = await demo.open()
    await ready(page)
    await chooseScenario(page, 'tools')
    for (const { tab, question } of pages) {
      await page.getByRole('tab', { name: tab }).click()
      const panel = page.getByRole('tabpanel', { name: tab })
      const box = panel.getByRole('textbox').first()
      await box.fill(question)
      await box.press('Enter')
      await panel
        .getByText(/6 credits/)
        .first()
        .waitFor()
      for (const theme of ['Light', 'Dark']) {
        await page.getByRole('radio', { name: theme }).check()
        await page.waitForFunction(
          (name) => document.documentElement.dataset.theme === name,
          theme.toLowerCase(),
        )
        // Colours are measured once any theme transition has finished.
        await page.evaluate(() =>
          Promise.all(document.getAnimations().map((animation) => animation.finished)),
        )
        const results = await new AxeBuilder({ page }).analyze()
        const violations = results.violations.map((violation) => ({
          page: tab,
          theme,
          rule: violation.id,
          targets: violation.nodes.map((node) => node.target.join(' ')),
          summary: violation.nodes[0]?.failureSummary,
        }))
        expect(violations).toEqual([])
      }
    }
  }, 60_000)
})
