import { defineConfig } from 'vitest/config'
import { sourceAliases } from './server/vite-plugin.ts'

/** `pnpm --filter demo screenshots`: the README's pictures of the built demo, in Chromium. */
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    name: 'screenshots',
    include: ['screenshots/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
