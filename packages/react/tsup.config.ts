import { defineConfig } from 'tsup'

export default defineConfig({
  // styles.css is an entry so esbuild inlines its @imports into one dist/styles.css.
  entry: { index: 'src/index.ts', styles: 'src/styles.css' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'es2022',
  sourcemap: true,
  // Bundling drops per-module directives; every export is for the client (hooks, components).
  banner: { js: "'use client'" },
})
