import { existsSync, readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

// Each module that index.ts re-exports becomes its own file (shared code goes to chunks), so an
// app's bundler drops what it does not import: one bundled file would always pull in `marked`,
// which declares no `sideEffects`, even for an app that only imports useAgentRun.
const exportedModules = [...readFileSync('src/index.ts', 'utf8').matchAll(/from '\.\/(.+?)'/g)]
  .map(([, path]) => ['ts', 'tsx'].map((extension) => `src/${path}.${extension}`).find(existsSync))
  .filter((path): path is string => path !== undefined)

export default defineConfig({
  // styles.css is an entry so esbuild inlines its @imports into one dist/styles.css.
  entry: ['src/index.ts', 'src/styles.css', ...new Set(exportedModules)],
  splitting: true,
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'es2022',
  sourcemap: true,
  // Bundling drops per-module directives; every export is for the client (hooks, components).
  banner: { js: "'use client'" },
})
