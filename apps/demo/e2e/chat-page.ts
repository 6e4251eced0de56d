/** Locators and actions on the demo's drop-in chat, by role and accessible name. */
import type { Page } from 'playwright'

export function dropInChat(page: Page) {
  const chat = page.getByRole('region', { name: 'Ask the agent' })
  return {
    chat,
    composer: chat.getByRole('textbox', { name: 'Message' }),
    thread: chat.getByRole('log', { name: 'Conversation' }),
    send: chat.getByRole('button', { name: 'Send' }),
    stop: chat.getByRole('button', { name: 'Stop' }),
    banner: chat.getByRole('alert'),
    /** Resolves once the chat's `data-state` (idle, submitted, streaming, error) is `state`. */
    settled: (state = 'idle') => chat.and(page.locator(`[data-state="${state}"]`)).waitFor(),
  }
}

/** Opens the demo page and waits until the server said which scenarios the mock offers. */
export async function ready(page: Page) {
  await page
    .getByRole('combobox', { name: 'Scenario', includeHidden: true })
    .waitFor({ state: 'attached' })
}

/** Picks a mock scenario in the header (the demo server reads it from the endpoint's query). */
export async function chooseScenario(page: Page, scenario: string) {
  // On a phone the pickers sit behind the header's Options button: open it, pick, close it.
  const options = page.getByRole('button', { name: 'Options' })
  const folded =
    (await options.isVisible()) && (await options.getAttribute('aria-expanded')) === 'false'
  if (folded) await options.click()
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(scenario)
  if (folded) await options.click()
}

/** Types a question into the drop-in chat and sends it with Enter. */
export async function ask(page: Page, question: string) {
  const { composer } = dropInChat(page)
  await composer.fill(question)
  await composer.press('Enter')
}
