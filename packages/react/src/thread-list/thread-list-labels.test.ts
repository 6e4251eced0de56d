// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { chatLabels } from '../labels'
import { threadListLabels } from './thread-list-labels'

const source = fileURLToPath(new URL('..', import.meta.url))

/** What an app's bundler keeps of the package for `import { name }`: the way size-limit bundles. */
async function bundle(name: string): Promise<string> {
  const result = await build({
    stdin: { contents: `export { ${name} } from './index'`, loader: 'ts', resolveDir: source },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    jsx: 'automatic',
    charset: 'utf8',
    external: ['react', 'react-dom', 'react/jsx-runtime', '@auteryn/client'],
    logLevel: 'error',
  })
  return result.outputFiles[0]!.text
}

/** `labels`' strings that `other` does not share, as string literals in minified code. */
const own = (labels: object, other: object) =>
  Object.entries(labels)
    .filter(([key, value]) => typeof value === 'string' && !(key in other))
    .filter(([, value]) => !Object.values(other).includes(value))
    .map(([, value]) => JSON.stringify(value))

describe('each component ships only its own default strings', () => {
  it("an app that imports <AgentChat> alone ships none of the thread list's", async () => {
    const code = await bundle('AgentChat')
    expect(code).toContain(JSON.stringify(chatLabels.placeholder))
    expect(own(threadListLabels, chatLabels).filter((text) => code.includes(text))).toEqual([])
  })

  it("an app that imports <ThreadList> alone ships none of the chat's", async () => {
    const code = await bundle('ThreadList')
    expect(code).toContain(JSON.stringify(threadListLabels.searchThreads))
    expect(own(chatLabels, threadListLabels).filter((text) => code.includes(text))).toEqual([])
  })
})
