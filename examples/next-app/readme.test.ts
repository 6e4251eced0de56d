/** The root README shows this app's files; each block must stay the file it names. */
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const root = new URL('../../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const blocks = [...readme.matchAll(/```tsx?\n\/\/ (examples\/next-app\/\S+)\n([\s\S]*?)```/g)]

test('the root README quotes the page and the route of this example', () => {
  expect(blocks.map(([, path]) => path)).toEqual([
    'examples/next-app/app/api/run/route.ts',
    'examples/next-app/app/page.tsx',
  ])
})

test.each(blocks.map(([, path, code]) => [path!, code!]))('%s is quoted as it is', (path, code) => {
  expect(code).toBe(readFileSync(new URL(path, root), 'utf8'))
})
