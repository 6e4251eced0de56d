import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createConversationStore } from '@auteryn/client'
import { toNodeHandler } from '@auteryn/server'
import { createMockAgent } from '@auteryn/testing'
import { TestChat } from '../../test/test-chat'

/*
 * A real HTTP server on loopback, so "the request was aborted" is observed where it matters:
 * the server sees its response closed before it finished.
 */
vi.setConfig({ testTimeout: 30_000 })

let server: Server
let endpoint: string
/** How the first response ended: whether the server had sent the run's completion by then. */
let responseClosed: Promise<{ sentCompletion: boolean }>
let requests = 0

beforeEach(async () => {
  requests = 0
  // About a hundred events, 40 ms apart: seconds of streaming left when the test acts.
  const agent = createMockAgent({ scenario: 'slow', slowDelayMs: 40 })
  const handler = toNodeHandler(agent.fetch)
  let reportClose: (outcome: { sentCompletion: boolean }) => void = () => undefined
  responseClosed = new Promise((resolve) => (reportClose = resolve))
  server = createServer((request, response) => {
    requests++
    let sentCompletion = false
    const write = response.write.bind(response) as (chunk: Uint8Array) => boolean
    response.write = ((chunk: Uint8Array) => {
      sentCompletion ||= Buffer.from(chunk).toString().includes('"run_completed"')
      return write(chunk)
    }) as typeof response.write
    response.once('close', () => reportClose({ sentCompletion }))
    handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/run`
})

afterEach(async () => {
  cleanup()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

test('unmounting mid-stream closes the connection and writes nothing more to the store', async () => {
  const store = createConversationStore()
  const { unmount } = render(<TestChat endpoint={endpoint} store={store} />)
  await userEvent.setup().click(screen.getByRole('button', { name: 'Ask' }))
  await screen.findByRole('listitem', { name: 'answer streaming' }, { timeout: 10_000 })
  await waitFor(() => expect(store.getState().status).toBe('streaming'), { timeout: 10_000 })

  let writes = 0
  store.subscribe(() => writes++)
  unmount()
  expect(await responseClosed).toEqual({ sentCompletion: false })
  // The slow scenario would still be streaming for seconds; nothing of it may land.
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(writes).toBe(0)
  expect(requests).toBe(1)
})

test('stop closes the connection and keeps the partial answer', async () => {
  render(<TestChat endpoint={endpoint} />)
  const user = userEvent.setup()
  await user.click(screen.getByRole('button', { name: 'Ask' }))
  await waitFor(() => expect(screen.getByText('status: streaming')).toBeTruthy(), {
    timeout: 10_000,
  })
  await user.click(screen.getByRole('button', { name: 'Stop' }))
  expect(await responseClosed).toEqual({ sentCompletion: false })
  expect(screen.getByRole('listitem', { name: 'answer stopped' })).toBeTruthy()
  expect(requests).toBe(1)
})
