import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { createMockAgent } from '@auteryn/testing'
import { SupportChat } from './readme-example'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

// The README's "Custom UI with useAgentRun" example, exactly as printed there.
test('the README example streams an answer, stops and retries', async () => {
  const agent = createMockAgent({ scenario: 'plain' })
  vi.stubGlobal('fetch', agent.fetch)
  render(<SupportChat />)
  const user = userEvent.setup()
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}')
  expect(await screen.findByText('user: Hello')).toBeTruthy()
  expect(await screen.findByText(/^assistant: Sure\. Auteryn agents/, {}, { timeout: 10_000 }))
  await screen.findByRole('button', { name: 'Send' }, { timeout: 10_000 })
  expect(agent.requests).toBe(1)
  expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLInputElement).value).toBe('')
})

test('the README example shows the error and retries once', async () => {
  const agent = createMockAgent({ scenario: 'server-error' })
  vi.stubGlobal('fetch', agent.fetch)
  render(<SupportChat />)
  const user = userEvent.setup()
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}')
  await screen.findByRole('alert', {}, { timeout: 10_000 })
  await user.click(screen.getByRole('button', { name: 'Retry' }))
  await screen.findByRole('alert', {}, { timeout: 10_000 })
  expect(agent.requests).toBe(2)
})
