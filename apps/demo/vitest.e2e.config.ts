import { defineConfig } from 'vitest/config'
import { sourceAliases } from './server/vite-plugin.ts'

/**
 * End-to-end tests: each file serves the built demo (dist) through the real proxy and the mock
 * agent, and drives it with Debian's Chromium. Files run one after another: they share the CPU
 * with a real browser, and their assertions count requests at one server.
 */
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
