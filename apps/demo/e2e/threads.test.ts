import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Locator, Page } from 'playwright'
import { startDemo, until, type Demo } from './harness'
import { ask, chooseScenario, dropInChat, ready } from './chat-page'

let demo: Demo
beforeAll(async () => {
  demo = await startDemo({ chunkDelayMs: 5 })
})
afterAll(async () => {
  await demo?.close()
})

const conversations = (page: Page) => page.getByRole('navigation', { name: 'Conversations' })
const row = (page: Page, name: string | RegExp) =>
  conversations(page).getByRole('button', { name, exact: typeof name === 'string' })

async function askAndSettle(page: Page, question: string) {
  const postsBefore = demo.posts.length
  await ask(page, question)
  await until(() => demo.posts.length > postsBefore, 'the POST reaches the proxy')
  await dropInChat(page).settled()
}

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement)

async function pressUntilFocused(page: Page, key: string, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    if (await isFocused(target)) return
    await page.keyboard.press(key)
  }
  throw new Error(`Not reachable with ${key} in ${limit} presses`)
}

describe('conversations on the drop-in page', () => {
  test('three conversations, one streaming while the others are used, survive a reload', async () => {
    const { page } = await demo.open()
    await ready(page)
    await chooseScenario(page, 'plain')
    const { thread, chat } = dropInChat(page)
    const newConversation = conversations(page).getByRole('button', { name: 'New conversation' })

    await askAndSettle(page, 'Explain credits')
    // A second version of the first answer: the same question, a new run of the same task.
    await chat.getByRole('button', { name: 'Regenerate' }).click()
    await dropInChat(page).settled()
    await chat.getByText('2/2').waitFor()

    await newConversation.click()
    await chooseScenario(page, 'slow')
    await ask(page, 'Check the open bugs')
    await thread.getByText('Let me check the open P1 bugs').waitFor()

    // Leave it streaming: a third conversation is asked and answered meanwhile.
    await newConversation.click()
    await expect.poll(() => row(page, /^Check the open bugs/).innerText()).toContain('Answering…')
    await chooseScenario(page, 'plain')
    await askAndSettle(page, 'Tell me about markdown')
    expect(await thread.innerText()).not.toContain('open P1 bugs')

    // The background answer finishes on its own, with nothing sent again.
    await expect
      .poll(() => row(page, /^Check the open bugs/).innerText(), { timeout: 20_000 })
      .not.toContain('Answering…')
    expect(demo.posts.length).toBe(4)

    await page.reload()
    await ready(page)
    for (const title of ['Tell me about markdown', 'Check the open bugs', 'Explain credits']) {
      await row(page, title).waitFor()
    }
    await row(page, 'Check the open bugs').click()
    await thread.getByText('#482').first().waitFor()
    await chat
      .getByText(/6 credits/)
      .first()
      .waitFor()
    await row(page, 'Explain credits').click()
    await chat.getByText('2/2').waitFor()
    await chat.getByRole('button', { name: 'Previous version' }).click()
    await chat.getByText('1/2').waitFor()
    expect(await thread.innerText()).not.toContain('Earlier you asked about')
    await chat.getByRole('button', { name: 'Next version' }).click()
    await thread.getByText('Earlier you asked about “Explain credits”').waitFor()
    await row(page, 'Tell me about markdown').click()
    await thread.getByText('report the credits each run used').waitFor()
  }, 60_000)

  test('keyboard only: the list, deleting with undo, and every message action', async () => {
    const { page, context } = await demo.open()
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await ready(page)
    await chooseScenario(page, 'plain')
    const { composer, thread, chat } = dropInChat(page)

    await page.locator('body').focus()
    await pressUntilFocused(page, 'Tab', composer)
    await page.keyboard.type('First by keyboard')
    await page.keyboard.press('Enter')
    await dropInChat(page).settled()

    // Back to "New conversation", Enter, then a second question.
    const newConversation = conversations(page).getByRole('button', { name: 'New conversation' })
    await pressUntilFocused(page, 'Shift+Tab', newConversation)
    await page.keyboard.press('Enter')
    await pressUntilFocused(page, 'Tab', composer)
    await page.keyboard.type('Second by keyboard')
    await page.keyboard.press('Enter')
    await dropInChat(page).settled()

    // The list: Tab lands on the open row, arrows move, Enter opens.
    await pressUntilFocused(page, 'Shift+Tab', row(page, 'Second by keyboard'))
    expect(await row(page, 'Second by keyboard').getAttribute('aria-current')).toBe('true')
    await page.keyboard.press('ArrowDown')
    expect(await isFocused(row(page, 'First by keyboard'))).toBe(true)
    await page.keyboard.press('Enter')
    await thread.getByText('First by keyboard').waitFor()

    // Delete asks; Enter confirms; Undo brings it back.
    await page.keyboard.press('Delete')
    await conversations(page).getByRole('group', { name: 'Delete “First by keyboard”?' }).waitFor()
    await page.keyboard.press('Enter')
    await conversations(page).getByText('Deleted “First by keyboard”.').waitFor()
    const undo = conversations(page).getByRole('button', { name: 'Undo' })
    await pressUntilFocused(page, 'Shift+Tab', undo)
    await page.keyboard.press('Enter')
    await row(page, 'First by keyboard').waitFor()

    // Message actions: Tab reaches each one; Enter uses it.
    await row(page, 'Second by keyboard').click()
    await pressUntilFocused(page, 'Tab', composer)
    const copyText = chat.getByRole('button', { name: 'Copy as text' })
    await pressUntilFocused(page, 'Shift+Tab', copyText)
    await page.keyboard.press('Enter')
    await chat.getByText('Copied').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      'Auteryn agents answer in markdown',
    )

    const bad = chat.getByRole('button', { name: 'Bad answer' })
    await pressUntilFocused(page, 'Tab', bad)
    await page.keyboard.press('Enter')
    await page.keyboard.type('Too short')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await chat.getByText('Thanks for the feedback.').waitFor()

    const edit = chat.getByRole('button', { name: 'Edit' })
    await pressUntilFocused(page, 'Shift+Tab', edit)
    await page.keyboard.press('Enter')
    await page.keyboard.press('End')
    await page.keyboard.type(', edited')
    await page.keyboard.press('Enter')
    await dropInChat(page).settled()
    await thread.getByText('Second by keyboard, edited').waitFor()
    await chat.getByText('2/2').waitFor()

    const regenerate = chat.getByRole('button', { name: 'Regenerate' })
    await pressUntilFocused(page, 'Tab', regenerate)
    await page.keyboard.press('Enter')
    await dropInChat(page).settled()
    await chat.getByText('3/3').waitFor()
    const previous = chat.getByRole('button', { name: 'Previous version' })
    await pressUntilFocused(page, 'Shift+Tab', previous)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await chat.getByText('1/3').waitFor()
    await thread.getByText('Second by keyboard', { exact: true }).waitFor()
  }, 60_000)
})
