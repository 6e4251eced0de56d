import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright'
import { startDemo, until, type Demo } from './harness'
import { ask, chooseScenario, dropInChat, ready } from './chat-page'

/*
 * Resumable runs in a real browser: the built demo, the kit's proxy with its memory run store,
 * the mock agent upstream. Every paid run is one upstream request, counted at the mock's side.
 */
let demo: Demo
beforeAll(async () => {
  // Paced so that an answer is still streaming while a test cuts, reloads or stops it.
  demo = await startDemo({ chunkDelayMs: 60 })
})
afterAll(async () => {
  await demo?.close()
})

const question = 'Which P1 bugs are open?'

async function openChat(scenario: string, context?: BrowserContext) {
  const opened = context ? { context, page: await context.newPage() } : await demo.open()
  if (context) await opened.page.goto(demo.url)
  await ready(opened.page)
  await chooseScenario(opened.page, scenario)
  return { ...opened, ...dropInChat(opened.page) }
}

function answers(page: Page) {
  return dropInChat(page).thread.getByRole('article', { name: 'Agent' })
}

/** The last answer's text, without tool call durations: those depend on when events arrived. */
function lastAnswerText(page: Page) {
  return answers(page)
    .last()
    .evaluate((answer) => {
      const copy = answer.cloneNode(true) as HTMLElement
      for (const duration of copy.querySelectorAll('.auteryn-tool-card-duration')) duration.remove()
      return copy.textContent
    })
}

/** The text of an answer nothing cut: what a resumed answer must equal. */
async function uncutAnswer() {
  const { page, settled } = await openChat('tools')
  await ask(page, question)
  await answers(page).first().getByText('Let me check').waitFor()
  await settled()
  return lastAnswerText(page)
}

/** Records every `data-state` the chat goes through: a short "reconnecting" is seen too. */
async function recordStates(page: Page) {
  await page.evaluate(() => {
    const chat = document.querySelector('section.auteryn-chat')!
    const states: string[] = ((window as unknown as { states: string[] }).states = [])
    new MutationObserver(() => {
      const state = chat.getAttribute('data-state') ?? ''
      if (states.at(-1) !== state) states.push(state)
    }).observe(chat, { attributes: true, attributeFilter: ['data-state'] })
  })
}

const statesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { states: string[] }).states)

/** Upstream runs started from now on. */
function countRuns() {
  const before = demo.upstream.length
  return () => demo.upstream.length - before
}

describe('an answer survives the network and the page', () => {
  test('a connection cut at the proxy: "reconnecting", then the same text, one run', async () => {
    const expected = await uncutAnswer()
    const runs = countRuns()
    const { page, settled } = await openChat('drop-connection')
    await recordStates(page)
    await ask(page, question)
    await settled()
    expect(await statesOf(page)).toEqual([
      'submitted',
      'streaming',
      'reconnecting',
      'streaming',
      'idle',
    ])
    expect(await lastAnswerText(page)).toBe(expected)
    expect(runs()).toBe(1)
  })

  test('a cut while the browser is offline for three seconds: it waits, then completes, one run', async () => {
    const expected = await uncutAnswer()
    const runs = countRuns()
    const { context, page, chat, settled } = await openChat('drop-connection')
    await ask(page, question)
    await answers(page).last().getByText('Let').waitFor()
    // Chromium keeps an open stream when it goes offline: the proxy's cut comes a moment later.
    await context.setOffline(true)
    await chat.and(page.locator('[data-state="reconnecting"]')).waitFor()
    const postsWhileOffline = demo.posts.length
    await page.waitForTimeout(3000)
    expect(await chat.getAttribute('data-state')).toBe('reconnecting')
    // Offline, a re-attachment would fail at once: none is sent until the browser is online.
    expect(demo.posts.length).toBe(postsWhileOffline)
    await context.setOffline(false)
    await settled()
    expect(await lastAnswerText(page)).toBe(expected)
    expect(runs()).toBe(1)
  })

  test('a reload mid-answer: the answer goes on after the reload and completes, one run', async () => {
    const expected = await uncutAnswer()
    const runs = countRuns()
    const { page } = await openChat('tools')
    await ask(page, question)
    await answers(page).last().getByText('Let me check').waitFor()
    await page.reload()
    await ready(page)
    await dropInChat(page).settled()
    expect(await lastAnswerText(page)).toBe(expected)
    expect(await answers(page).last().getAttribute('data-state')).toBe('complete')
    expect(runs()).toBe(1)
  })

  test('Stop mid-answer: the upstream run ends within a second, not after the grace period', async () => {
    const { page, stop } = await openChat('slow-long')
    await ask(page, question)
    await until(() => demo.upstream.length > 0, 'the run reaches the mock')
    const upstream = demo.upstream.at(-1)!
    await answers(page).last().getByText(/\w{3}/).first().waitFor()
    await stop.click()
    await until(() => upstream.signal.aborted, 'the upstream run is aborted', 1000)
  })

  test('two tabs on one conversation: both stream, both keep all four messages', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } })
    // Fail with a locator's name rather than a bare test timeout.
    context.setDefaultTimeout(10_000)
    try {
      const runs = countRuns()
      const tabA = await openChat('tools', context)
      const tabB = await openChat('tools', context)
      await recordStates(tabB.page)
      await ask(tabA.page, question)
      // The run live in tab A streams in tab B as well: B reads the same run, never a copy.
      await answers(tabB.page).last().getByText('Let me check').waitFor()
      await tabA.settled()
      await tabB.settled()
      expect(await statesOf(tabB.page)).toContain('streaming')
      expect(await lastAnswerText(tabB.page)).toBe(await lastAnswerText(tabA.page))
      expect(runs()).toBe(1)

      await recordStates(tabA.page)
      await ask(tabB.page, 'And the P2 bugs?')
      await tabA.thread.getByText('And the P2 bugs?').waitFor()
      await tabB.settled()
      await tabA.settled()
      expect(await statesOf(tabA.page)).toContain('streaming')
      expect(runs()).toBe(2)
      for (const tab of [tabA, tabB]) {
        await tab.page.reload()
        await ready(tab.page)
        await tab.settled()
        expect(await tab.thread.getByRole('article').count()).toBe(4)
        const questions = tab.thread.getByRole('article', { name: 'You' })
        expect(await questions.count()).toBe(2)
        // Exact: the second answer quotes the first question (the same task continued).
        expect(await questions.getByText(question, { exact: true }).count()).toBe(1)
        expect(await questions.getByText('And the P2 bugs?', { exact: true }).count()).toBe(1)
        const states = await answers(tab.page).evaluateAll((all) =>
          all.map((answer) => answer.getAttribute('data-state')),
        )
        expect(states).toEqual(['complete', 'complete'])
      }
      // Each question was one paid run: following the other tab never started another.
      expect(runs()).toBe(2)

      // A conversation started in tab B is listed in tab A at once, without a reload, and tab A
      // stays on its own conversation.
      const conversations = (page: Page) => page.getByRole('navigation', { name: 'Conversations' })
      await conversations(tabB.page).getByRole('button', { name: 'New conversation' }).click()
      await ask(tabB.page, 'A question from tab B')
      await conversations(tabA.page)
        .getByRole('button', { name: /^A question from tab B/ })
        .waitFor()
      expect(await tabA.thread.getByRole('article').count()).toBe(4)
      await tabB.settled()
    } finally {
      await context.close()
    }
    // Two paced answers and two reloads: more than one answer's time on a busy machine.
  }, 60_000)
})

describe('a route without resumable runs', () => {
  let plain: Demo
  beforeAll(async () => {
    plain = await startDemo({ chunkDelayMs: 60, runs: false })
  })
  afterAll(async () => {
    await plain?.close()
  })

  test('a cut ends the answer as interrupted with Retry, after exactly one POST', async () => {
    const { page } = await plain.open()
    await ready(page)
    await chooseScenario(page, 'drop-connection')
    const { settled, banner, chat } = dropInChat(page)
    await ask(page, question)
    await settled('error')
    expect(await banner.innerText()).toMatch(/cut off/)
    await chat.getByRole('button', { name: 'Retry' }).waitFor()
    expect(await chat.getAttribute('data-state')).toBe('error')
    await page.waitForTimeout(1500)
    expect(plain.posts.filter((post) => post.scenario === 'drop-connection')).toHaveLength(1)
  })
})
