import Module, { createRequire } from 'node:module'
import { dirname } from 'node:path'

/*
 * The react18 test project aliases `react`/`react-dom` to React 18 for the sources it transforms,
 * but packages loaded by Node itself (react-dom18, testing-library's CommonJS build) still
 * `require('react')` and would get React 19: two Reacts in one tree. Send those to 18 as well.
 */
const require = createRequire(import.meta.url)
const roots: Record<string, string> = {
  react: dirname(require.resolve('react18/package.json')),
  'react-dom': dirname(require.resolve('react-dom18/package.json')),
}

type ResolveFilename = (request: string, ...rest: unknown[]) => string
const loader = Module as unknown as { _resolveFilename: ResolveFilename }
const resolveFilename = loader._resolveFilename
loader._resolveFilename = function (request, ...rest) {
  const match = /^(react-dom|react)(\/.*)?$/.exec(request)
  const root = match?.[1] ? roots[match[1]] : undefined
  return resolveFilename.call(this, root ? `${root}${match?.[2] ?? ''}` : request, ...rest)
}
