import { existsSync, readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

// Each module that index.ts re-exports becomes its own file (shared code goes to chunks), so an
// app's bundler drops what it does not import: one bundled file would always pull in `marked`,
// which declares no `sideEffects`, even for an app that only imports useAgentRun.
const exportedModules = [...readFileSync('src/index.ts', 'utf8').matchAll(/from '\.\/(.+?)'/g)]
  .map(([, path]) => ['ts', 'tsx'].map((extension) => `src/${path}.${extension}`).find(existsSync))
  .filter((path): path is string => path !== undefined)

// Entries by output name, not as a list: tsup passes a list through a file-system glob whose
// order changes from build to build, and esbuild lays out the chunks' imports by entry order, so
// the same source built to bundles up to 0.1 KB apart. The fixed order is the one the glob gave
// most often (files of src/ first, then folders, each by name).
const depth = (path: string) => path.split('/').length
const entry = Object.fromEntries(
  [...new Set(['src/index.ts', 'src/styles.css', ...exportedModules])]
    .sort((left, right) => depth(left) - depth(right) || (left < right ? -1 : 1))
    .map((path) => [path.replace(/^src\/(.+)\.\w+$/, '$1'), path]),
)

export default defineConfig({
  // styles.css is an entry so esbuild inlines its @imports into one dist/styles.css.
  entry,
  splitting: true,
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'es2022',
  sourcemap: true,
  // Bundling drops per-module directives; every export is for the client (hooks, components).
  banner: { js: "'use client'" },
})
