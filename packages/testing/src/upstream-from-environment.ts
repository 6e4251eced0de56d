import { createMockAgent, type MockAgent } from './mock-agent'
import type { ScenarioName } from './scenarios'

export interface UpstreamFromEnvironmentOptions {
  /** The mock agent's pacing, per event, when it is the upstream. Default 25 (an answer visibly streams in). */
  chunkDelayMs?: number
  /** The mock agent's scenario, when it is the upstream. Default: the mock's own (`tools`). */
  scenario?: ScenarioName
}

/** The upstream part of `createRunHandler`'s options, plus the mock agent when it is in use. */
export interface EnvironmentUpstream {
  apiKey: string
  agentId: string
  /** The real API's base URL; absent when the mock answers. */
  upstream?: string
  fetch: typeof fetch
  /** The in-process mock agent answering the proxy; absent when a real upstream is configured. */
  mock?: MockAgent
}

// A placeholder the proxy forwards to the in-process mock; it is not a real credential.
const mockApiKey = 'afk_demo_mock_key'
const mockAgentId = 'agent_demo'

/**
 * Where a demo's proxy sends its runs: the API at `AUTERYN_UPSTREAM` with `AUTERYN_API_KEY` and
 * `AUTERYN_AGENT_ID`, or, when `AUTERYN_UPSTREAM` is unset, an in-process mock agent, so the app
 * runs with no key and no account. Spread the result into `createRunHandler`'s options.
 * Throws when an upstream is set without its key or agent id: a demo must not quietly fall back.
 */
export function upstreamFromEnvironment(
  env: Record<string, string | undefined>,
  options: UpstreamFromEnvironmentOptions = {},
): EnvironmentUpstream {
  const upstream = env.AUTERYN_UPSTREAM?.trim()
  if (upstream) {
    const apiKey = env.AUTERYN_API_KEY?.trim()
    const agentId = env.AUTERYN_AGENT_ID?.trim()
    if (!apiKey || !agentId) {
      throw new Error(
        'AUTERYN_UPSTREAM is set, so AUTERYN_API_KEY and AUTERYN_AGENT_ID are required (server-side env).',
      )
    }
    // Late-bound, so a test that replaces the global fetch is still seen.
    return { apiKey, agentId, upstream, fetch: (input, init) => fetch(input, init) }
  }
  const mock = createMockAgent({
    scenario: options.scenario,
    chunkDelayMs: options.chunkDelayMs ?? 25,
    apiKey: mockApiKey,
    agentId: mockAgentId,
  })
  return { apiKey: mockApiKey, agentId: mockAgentId, fetch: mock.fetch, mock }
}
