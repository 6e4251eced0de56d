import { createAgentClient, type AgentClient } from './client'
import type { RunSettings } from './chat-settings'

/**
 * The client for the current settings, made lazily and again only when the connection changes.
 * Headers are read per request, so an inline `headers` object (new on every render) applies
 * without a new client.
 */
export function createClientCache(readSettings: () => RunSettings) {
  let cached: { key: readonly unknown[]; client: AgentClient } | undefined
  return function clientFor(settings: RunSettings): AgentClient {
    const endpoint = settings.endpoint ?? '/api/run'
    const key = [
      endpoint,
      settings.agentId,
      settings.apiKey,
      settings.fetch,
      settings.maxEventBytes,
    ]
    if (cached?.key.every((value, index) => value === key[index])) return cached.client
    const client = createAgentClient({
      endpoint,
      agentId: settings.agentId,
      apiKey: settings.apiKey,
      fetch: settings.fetch,
      maxEventBytes: settings.maxEventBytes,
      headers: async () => {
        const headers = readSettings().headers
        return (typeof headers === 'function' ? await headers() : headers) ?? {}
      },
    })
    cached = { key, client }
    return client
  }
}
