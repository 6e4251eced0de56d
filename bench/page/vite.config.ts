import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceAliases } from '../../vite.config.ts'

const fromReactPackage = createRequire(
  new URL('../../packages/react/package.json', import.meta.url),
)

/** The bench page: a production build of the kit's sources, as an app would ship them. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      // Before the package alias, which would otherwise claim this path as a prefix.
      '@auteryn/react/styles.css': fileURLToPath(
        new URL('../../packages/react/src/styles.css', import.meta.url),
      ),
      ...sourceAliases,
      // The naive baseline lexes with the kit's own markdown library.
      marked: fromReactPackage.resolve('marked'),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../.build/page', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: false,
  },
})
