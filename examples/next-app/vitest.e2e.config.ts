import { defineConfig } from 'vitest/config'

/**
 * End-to-end tests of the built app (`next build` first): each file starts `next start` on a free
 * port and drives it with Debian's Chromium. Files run one after another: they share the CPU with
 * a real browser and a Next server.
 */
export default defineConfig({
  test: {
    name: 'next-app-e2e',
    include: ['e2e/**/*.test.ts', 'readme.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
