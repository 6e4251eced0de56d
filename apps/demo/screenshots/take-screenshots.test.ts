/**
 * Takes the demo's screenshots for docs/screenshots/: desktop (1280×800) and phone (390×844),
 * light and dark, mid-stream and with an error. Not part of `pnpm test` (it writes files):
 * `pnpm --filter demo screenshots` builds the demo and runs it.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, test } from 'vitest'
import type { Page } from 'playwright'
import { startDemo, type Demo } from '../e2e/harness'
import { ask, chooseScenario, dropInChat, ready } from '../e2e/chat-page'

const outputDirectory = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const

let demo: Demo
beforeAll(async () => {
  mkdirSync(outputDirectory, { recursive: true })
  demo = await startDemo({ chunkDelayMs: 60 })
})
afterAll(async () => {
  await demo?.close()
})

async function openAt(viewport: keyof typeof viewports, theme: 'light' | 'dark') {
  const context = await demo.browser.newContext({
    viewport: viewports[viewport],
    deviceScaleFactor: viewport === 'phone' ? 2 : 1,
    colorScheme: theme,
  })
  const page = await context.newPage()
  await page.goto(demo.url)
  await ready(page)
  return { context, page }
}

async function shoot(page: Page, name: string) {
  // Animations (the caret, the running badge) are frozen mid-way so each picture is stable.
  await page.screenshot({ path: `${outputDirectory}${name}.png`, animations: 'disabled' })
}

for (const viewport of ['desktop', 'phone'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${viewport} ${theme}`, async () => {
      const { context, page } = await openAt(viewport, theme)
      const { thread, chat, settled } = dropInChat(page)

      // A finished answer with tool cards, then a second one caught while it streams.
      await chooseScenario(page, 'parallel-tools')
      await ask(page, 'Which P1 bugs are still open, and who is on call?')
      await settled()
      await chooseScenario(page, 'long')
      await ask(page, 'Write the production readiness review')
      await thread.getByText('Production readiness review').waitFor()
      await page.waitForTimeout(1500)
      await shoot(page, `demo-${viewport}-${theme}-streaming`)
      await chat.getByRole('button', { name: 'Stop' }).click()
      await settled()

      // A request refused before any answer started.
      await chooseScenario(page, 'out-of-credits')
      await ask(page, 'Summarise this week in one line')
      await settled('error')
      await shoot(page, `demo-${viewport}-${theme}-error`)
      await context.close()
    }, 60_000)
  }
}
