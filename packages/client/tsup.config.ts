import { defineConfig } from 'tsup'

export default defineConfig({
  // `wire` is its own entry: the server bundles it (and only it), keeping no runtime dependency.
  entry: ['src/index.ts', 'src/wire.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
})
