export { createRunHandler } from './create-run-handler'
export type { RunHandlerOptions, RunRequestDetails } from './create-run-handler'
export { createMemoryRunStore } from './memory-run-store'
export type { MemoryRunStoreOptions } from './memory-run-store'
export type {
  ClaimResult,
  RunEndReason,
  RunEntry,
  RunHead,
  RunRecord,
  RunStore,
  RunWriter,
} from './run-store'
export { toNodeHandler } from './node-handler'
export type { FetchHandler } from './node-handler'
export type { RunContextWire } from './run-body'
