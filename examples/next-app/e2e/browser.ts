/**
 * Debian's Chromium driven by Playwright, with what a page reports recorded: console errors and
 * warnings, uncaught errors, and every request the browser sent (to look for a leaked key).
 */
import { chromium, type Browser, type Page } from 'playwright'
import { chromiumArgs, chromiumExecutable } from '../../../scripts/chromium.mjs'

export interface SentRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
}

export interface WatchedPage {
  page: Page
  /** Console errors and warnings, and uncaught errors (a hydration mismatch shows here). */
  problems: string[]
  requests: SentRequest[]
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable, args: [...chromiumArgs] })
}

export async function openPage(browser: Browser, url: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  // Fail with a locator's name rather than a bare test timeout.
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const problems: string[] = []
  const requests: SentRequest[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`)
  })
  page.on('request', async (request) => {
    const sent: SentRequest = {
      method: request.method(),
      url: request.url(),
      headers: {},
      body: request.postData(),
    }
    requests.push(sent)
    // All headers, cookies included, as they went over the wire.
    sent.headers = await request.allHeaders().catch(() => request.headers())
  })
  await page.goto(url)
  await hydrated(page)
  return { page, problems, requests }
}

/**
 * Resolves once React has hydrated the chat and it holds the open conversation (not the disabled
 * frame shown while the stored conversations load), so typing is not lost to a node about to go.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const chat = document.querySelector('.auteryn-chat')
    return (
      chat !== null &&
      chat.closest('[aria-busy="true"]') === null &&
      Object.keys(chat).some((key) => key.startsWith('__reactFiber'))
    )
  })
}

/** The drop-in chat by role and accessible name. */
export function chatOf(page: Page) {
  const chat = page.getByRole('region', { name: 'Ask the agent' })
  const composer = chat.getByRole('textbox', { name: 'Message' })
  return {
    chat,
    composer,
    thread: chat.getByRole('log', { name: 'Conversation' }),
    /** The latest answer. */
    answer: chat.getByRole('article', { name: 'Agent' }).last(),
    /** The list of conversations beside the chat. */
    conversations: page.getByRole('navigation', { name: 'Conversations' }),
    /** Resolves once the chat's `data-state` (idle, submitted, streaming, error) is `state`. */
    settled: (state = 'idle') => chat.and(page.locator(`[data-state="${state}"]`)).waitFor(),
    async ask(question: string) {
      await composer.fill(question)
      await composer.press('Enter')
    },
  }
}
