import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { demoApi, sourceAliases } from './server/vite-plugin.ts'

const port = Number(process.env.PORT) || undefined

export default defineConfig({
  plugins: [react(), demoApi()],
  resolve: {
    alias: [
      ...sourceAliases,
      // The stylesheet ships from dist when published; the demo uses the source.
      {
        find: '@auteryn/react/styles.css',
        replacement: fileURLToPath(new URL('../../packages/react/src/styles.css', import.meta.url)),
      },
    ],
  },
  server: { host: '127.0.0.1', port: port ?? 5173 },
  preview: { host: '127.0.0.1', port: port ?? 4173 },
})
