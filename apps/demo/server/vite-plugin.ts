/**
 * A Vite plugin that mounts the demo's /api routes on both the dev and the preview server, so
 * `pnpm dev` and `vite preview` of the built app talk to the same proxy.
 */
import { fileURLToPath } from 'node:url'
import { loadEnv, runnerImport, type Connect, type Plugin } from 'vite'
import type { createDemoApi, Middleware } from './demo-api'

/** The kit's packages, resolved to their sources so the demo needs no build of them first. */
export const sourceAliases = ['client', 'react', 'server', 'testing']
  .map((name) => ({
    find: new RegExp(`^@auteryn/${name}$`),
    replacement: fileURLToPath(new URL(`../../../packages/${name}/src/index.ts`, import.meta.url)),
  }))
  .concat({
    find: /^@auteryn\/client\/wire$/,
    replacement: fileURLToPath(new URL('../../../packages/client/src/wire.ts', import.meta.url)),
  })

export interface DemoApiPluginOptions {
  /** Builds the /api middleware. Default: loads `demo-api.ts` from source with the server env. */
  load?: (env: Record<string, string | undefined>) => Promise<Middleware>
}

export function demoApi(options: DemoApiPluginOptions = {}): Plugin {
  let env: Record<string, string | undefined> = process.env
  let middleware: Promise<Middleware> | undefined
  const load = options.load ?? loadFromSource

  const mount = (server: { middlewares: Connect.Server }) => {
    middleware ??= load(env)
    // Surface a misconfiguration (say, a missing key) at start-up rather than on first request.
    middleware.catch((error: unknown) => console.error(`[demo] /api is unavailable: ${error}`))
    server.middlewares.use((request, response, next) => {
      if (!request.url?.startsWith('/api/')) return next()
      middleware!.then((handle) => handle(request, response, next), next)
    })
  }

  return {
    name: 'auteryn-demo-api',
    configResolved(config) {
      // Only AUTERYN_* from .env files, merged under the real environment; never exposed to the
      // client bundle, whose env prefix stays VITE_.
      env = { ...loadEnv(config.mode, config.envDir || config.root, 'AUTERYN_'), ...process.env }
    },
    configureServer: mount,
    configurePreviewServer: mount,
  }
}

async function loadFromSource(env: Record<string, string | undefined>): Promise<Middleware> {
  // The config file is bundled without the workspace aliases; a module runner resolves them.
  const { module } = await runnerImport<{ createDemoApi: typeof createDemoApi }>(
    fileURLToPath(new URL('./demo-api.ts', import.meta.url)),
    { resolve: { alias: sourceAliases }, logLevel: 'warn' },
  )
  return module.createDemoApi({ env })
}
