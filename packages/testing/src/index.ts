export { createMockAgent } from './mock-agent'
export type { MockAgent, MockAgentOptions } from './mock-agent'
export { scenarioNames } from './scenarios'
export type { ScenarioName } from './scenarios'
export { formatSse, replaySse, splitEvents } from './sse'
export type { ReplayOptions } from './sse'
export { transcripts } from './transcripts'
export type { TranscriptName } from './transcripts'
export { replayFetch } from './replay'
export { upstreamFromEnvironment } from './upstream-from-environment'
export type {
  EnvironmentUpstream,
  UpstreamFromEnvironmentOptions,
} from './upstream-from-environment'
export { createMemoryStorage } from './memory-storage'
export type { MemoryStorage } from './memory-storage'
