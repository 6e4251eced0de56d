/** Why a run's log ended. Every reason but `completed` is told to readers with an `auteryn:end` event. */
export type RunEndReason = 'completed' | 'upstream_closed' | 'stopped' | 'expired'

/**
 * How the upstream answered. An event stream is followed by its events; any other answer (an
 * HTTP error, a JSON run, the proxy's own 502/504) is kept whole and answered again as it was.
 */
export interface RunHead {
  status: number
  headers: Array<[string, string]>
  /** The whole body of an answer that is not an event stream. */
  body?: string
}

/** What a reader gets, in order: the head, events, then the end. */
export type RunEntry =
  | { kind: 'head'; head: RunHead }
  | { kind: 'event'; id: number; lines: string }
  /** Events this reader needs were dropped (the byte limit): it must not present a gap as whole. */
  | { kind: 'truncated' }
  | { kind: 'end'; reason: RunEndReason }

/** What the proxy remembers about who started a run, to refuse everyone else. */
export interface RunRecord {
  /** The identity `resolveContext` gave (`user_id`), or `''` without one. */
  scope: string
  /** The start request's clean body: the same key with another question is refused. */
  fingerprint: string
}

export type ClaimResult =
  | { status: 'claimed'; run: RunWriter }
  | { status: 'exists'; record: RunRecord }
  | { status: 'full' }

/** The holding instance's handle on a run it started: it alone writes the log. */
export interface RunWriter {
  setHead(head: RunHead): Promise<void>
  /** Appends events; ids follow on from the last one (1, 2, 3…). */
  append(lines: readonly string[]): Promise<void>
  /** Ends the log; it is kept for `retainMs`, then dropped. */
  end(reason: RunEndReason, retainMs: number): Promise<void>
  /** Whether any reader, on any instance, is attached. */
  hasReaders(): Promise<boolean>
  /** Called once when a stop for this run arrives, from any instance. */
  onStop(listener: () => void): void
}

/**
 * Where run logs live. `createMemoryRunStore()` keeps them in this process;
 * `createRedisRunStore()` (from `@auteryn/server/redis`) shares them between instances.
 */
export interface RunStore {
  /** Claims a key for a new run, atomically: exactly one caller ever gets `claimed` for a key. */
  claim(key: string, record: RunRecord): Promise<ClaimResult>
  /** Who started the run, or `undefined` for an unknown or expired key. */
  lookup(key: string): Promise<RunRecord | undefined>
  /**
   * The run from event `afterId + 1` on: its head first, then events as they arrive, then its
   * end. While iterating, the reader counts as attached. Aborting the signal ends the iteration.
   */
  read(key: string, afterId: number, signal: AbortSignal): AsyncIterable<RunEntry>
  /** Asks the holder of a live run to abort its upstream. Resolves `false` for an unknown key. */
  stop(key: string): Promise<boolean>
}
