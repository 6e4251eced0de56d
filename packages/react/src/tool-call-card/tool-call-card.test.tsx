import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ToolState } from '@auteryn/client'
import { humanizeToolName } from './summarize-params'
import { ToolCallCard } from './tool-call-card'

afterEach(cleanup)

const toggle = (name: RegExp) => screen.getByRole('button', { name })

describe('ToolCallCard', () => {
  it('is titled tool.action and shows its state', () => {
    const { container } = render(
      <ToolCallCard tool="github" action="list_issues" state="running" />,
    )
    const button = toggle(/github\.list_issues/)
    expect(button.textContent).toEqual('github.list_issuesRunning')
    expect(container.firstElementChild?.getAttribute('data-state')).toEqual('running')
  })

  it('says how long an answered call took, and nothing for one still running', () => {
    render(
      <>
        <ToolCallCard tool="github" action="list" state="done" durationMs={1200} />
        <ToolCallCard tool="github" action="search" state="running" />
      </>,
    )
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'github.listDone1.2 s',
      'github.searchRunning',
    ])
    // The duration is the card's own text, never an attribute on the element.
    expect(document.querySelector('[durationms]')).toBeNull()
  })

  it('says in its header what the call asked for, so parallel calls of one tool differ', () => {
    render(
      <>
        <ToolCallCard tool="search" action="web" state="done" params={{ query: 'Vite 8' }} />
        <ToolCallCard tool="search" action="web" state="done" params={{ query: 'Vitest 4' }} />
      </>,
    )
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'search.webVite 8Done',
      'search.webVitest 4Done',
    ])
  })

  it('takes its title from labels.toolName, e.g. humanizeToolName', () => {
    render(
      <ToolCallCard
        tool="github"
        action="list_issues"
        state="done"
        labels={{ toolName: humanizeToolName }}
      />,
    )
    expect(toggle(/Github: list issues/).textContent).toEqual('Github: list issuesDone')
  })

  it.each<[ToolState, string]>([
    ['running', 'Running'],
    ['done', 'Done'],
    ['error', 'Failed'],
    ['no-result', 'No result'],
  ])('labels the %s state "%s"', (state, badge) => {
    render(<ToolCallCard tool="search" action="query" state={state} />)
    expect(toggle(/search\.query/).textContent).toContain(badge)
  })

  it('titles an orphan result with just the tool', () => {
    render(<ToolCallCard tool="github" state="done" result={{ count: 3 }} defaultOpen />)
    expect(toggle(/^github/).textContent).toEqual('githubDone')
    expect(screen.queryByText('Parameters')).toBeNull()
    expect(screen.getByText('Result')).toBeTruthy()
  })

  it('expands and collapses from the keyboard with Enter and Space', async () => {
    const user = userEvent.setup()
    render(
      <ToolCallCard tool="github" action="list_issues" state="done" params={{ label: 'P1' }} />,
    )
    const button = toggle(/github\.list_issues/)
    expect(button.getAttribute('aria-expanded')).toEqual('false')
    expect(screen.queryByText(/"label": "P1"/)).toBeNull()

    button.focus()
    await user.keyboard('{Enter}')
    expect(button.getAttribute('aria-expanded')).toEqual('true')
    const details = document.getElementById(button.getAttribute('aria-controls') ?? '')
    expect(details?.hidden).toEqual(false)
    expect(details?.textContent).toContain('"label": "P1"')

    await user.keyboard(' ')
    expect(button.getAttribute('aria-expanded')).toEqual('false')
    expect(details?.hidden).toEqual(true)
  })

  it('shows hostile results as text', () => {
    const { container } = render(
      <ToolCallCard
        tool="web"
        action="fetch"
        state="done"
        params={{ url: 'javascript:alert(1)' }}
        result={{ html: '<script>alert(1)</script><img src=x onerror=alert(1)>' }}
        defaultOpen
      />,
    )
    expect(container.querySelector('script, img, a')).toBeNull()
    expect(container.textContent).toContain('<script>alert(1)</script>')
  })

  it('cuts large values and reveals more on request', async () => {
    const user = userEvent.setup()
    const rows = Array.from({ length: 2000 }, (_, index) => ({ index, title: `Issue ${index}` }))
    render(<ToolCallCard tool="db" action="query" state="done" result={rows} defaultOpen />)
    const body = () => [...document.querySelectorAll('.auteryn-json-body')].at(-1)?.textContent
    expect(body()).not.toContain('Issue 500')
    await user.click(screen.getByRole('button', { name: 'Show more' }))
    expect(body()).toContain('Issue 500')
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toEqual(
      'true',
    )
  })

  it('copies the parameters and the result', async () => {
    const user = userEvent.setup()
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(
      <ToolCallCard
        tool="github"
        action="list_issues"
        state="done"
        params={{ state: 'open' }}
        result={{ count: 3 }}
        defaultOpen
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Copy parameters' }))
    expect(writeText).toHaveBeenLastCalledWith('{\n  "state": "open"\n}')
    await user.click(screen.getByRole('button', { name: 'Copy result' }))
    expect(writeText).toHaveBeenLastCalledWith('{\n  "count": 3\n}')
    expect(await screen.findAllByRole('button', { name: 'Copied' })).toHaveLength(2)
  })

  it('says when a call got no result', () => {
    render(<ToolCallCard tool="github" action="list_issues" state="no-result" defaultOpen />)
    expect(screen.getByText('No result was returned.')).toBeTruthy()
  })
})
