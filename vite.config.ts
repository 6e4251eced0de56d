import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { chromiumArgs, chromiumExecutable } from './scripts/chromium.mjs'

const packageSource = (name: string) =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))

/** Tests and stories run against the sources, so no build is needed before `vitest`. */
export const sourceAliases = {
  // Before the package itself, which would otherwise claim this path as a prefix.
  '@auteryn/client/wire': fileURLToPath(new URL('./packages/client/src/wire.ts', import.meta.url)),
  '@auteryn/client': packageSource('client'),
  '@auteryn/react': packageSource('react'),
  '@auteryn/server': packageSource('server'),
  '@auteryn/testing': packageSource('testing'),
}

const react18Aliases = [
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom/client',
  'react-dom/server',
  'react-dom/test-utils',
  'react',
  'react-dom',
].map((name) => ({
  find: new RegExp(`^${name}$`),
  replacement: name.replace(/^react(-dom)?/, (base) => `${base}18`),
}))

const chromium = playwright({
  launchOptions: { executablePath: chromiumExecutable, args: [...chromiumArgs] },
})

export default defineConfig({
  plugins: [react()],
  resolve: { alias: sourceAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['packages/**/*.test.{ts,tsx}'],
          exclude: [
            '**/node_modules/**',
            '**/*.react18.test.{ts,tsx}',
            '**/*.browser.test.{ts,tsx}',
          ],
        },
      },
      {
        // The hook and the drop-in chat again, on React 18 (aliased): `react` is a ^18 || ^19 peer.
        extends: true,
        resolve: { alias: react18Aliases },
        test: {
          name: 'react18',
          environment: 'jsdom',
          include: [
            'packages/react/src/agent-run/**/*.test.{ts,tsx}',
            'packages/react/src/agent-chat/**/*.test.{ts,tsx}',
          ],
          setupFiles: ['packages/react/test/react18-setup.ts'],
          server: { deps: { inline: ['@testing-library/react'] } },
        },
      },
      {
        // What only a real browser can answer: what a reader sees while text streams, and how
        // long the main thread is held.
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/**/*.browser.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
