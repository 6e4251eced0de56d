import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/redis.ts'],
  format: ['esm'],
  // The wire rules (body validation, error envelope) are the client's, inlined here so the proxy
  // ships with no runtime dependency; its published types import nothing from the client.
  noExternal: ['@auteryn/client/wire'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
})
