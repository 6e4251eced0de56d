/**
 * The README's commands, without a browser: `pnpm dev` and `vite preview` load the demo's own
 * config, whose plugin mounts the proxy and mock from source. Both must answer /api/run.
 */
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { createServer, preview } from 'vite'

const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url))
const root = fileURLToPath(new URL('..', import.meta.url))
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((close) => close()))
})

async function runThrough(origin: string) {
  const config = await (await fetch(`${origin}/api/demo-config`)).json()
  const response = await fetch(`${origin}/api/run?scenario=plain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'Hello', stream: true }),
  })
  const types = [...(await response.text()).matchAll(/"type":"(\w+)"/g)].map((match) => match[1])
  return { config, status: response.status, first: types[0], last: types.at(-1) }
}

const expected = {
  config: { mode: 'mock', scenarios: expect.arrayContaining(['plain', 'hostile']) },
  status: 200,
  first: 'run_started',
  last: 'run_completed',
}

describe('the demo config serves /api/run with no configuration', () => {
  test('on the dev server (pnpm dev)', async () => {
    const server = await createServer({
      configFile,
      root,
      logLevel: 'silent',
      server: { port: 0, strictPort: true, ws: false },
    })
    closers.push(() => server.close())
    await server.listen()
    const { port } = server.httpServer!.address() as AddressInfo
    expect(await runThrough(`http://127.0.0.1:${port}`)).toEqual(expected)
  })

  test('on the preview server of the build (vite preview)', async () => {
    const server = await preview({
      configFile,
      root,
      logLevel: 'silent',
      preview: { port: 0, strictPort: true, open: false },
    })
    closers.push(() => server.close())
    const { port } = server.httpServer.address() as AddressInfo
    expect(await runThrough(`http://127.0.0.1:${port}`)).toEqual(expected)
  })
})
