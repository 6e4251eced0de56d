import { reduceConversation } from './reducer'
import { isResumableRun, readStoredConversation } from './stored-conversation'
import type { Conversation } from './types'
import { isJsonObject } from './validate'

/** Opt-in persistence of one conversation (survives a reload). */
export interface PersistOptions {
  /** Storage key; use one key per conversation. Required. */
  key: string
  /** Where to keep it. Default: `localStorage` when the environment has one, else nothing is kept. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /**
   * Called when the conversation could not be stored (a full quota, a blocked storage): once
   * until a save succeeds again. The chat goes on in memory. Default: none.
   */
  onError?: (error: unknown) => void
}

/** Bump when the stored shape changes: older values are then ignored, never misread. */
const VERSION = 1

/**
 * Where conversations are kept: `localStorage` fits, and so does an app's own backend, since
 * every method may return a promise. The thread list accepts either kind; a single persisted
 * store (`persist`) needs the synchronous kind, because it restores as it is created.
 */
export interface PersistStorage {
  getItem(key: string): string | null | Promise<string | null>
  setItem(key: string, value: string): void | Promise<void>
  removeItem(key: string): void | Promise<void>
}

export interface Persistence {
  load(): Conversation | undefined
  save(conversation: Conversation): void
}

/**
 * Storage is best effort: a full quota, a blocked storage (SecurityError) or a corrupt value
 * must never break the chat, so every failure is swallowed and reads fall back to nothing.
 */
export function createPersistence({
  key,
  storage = defaultStorage(),
  onError,
}: PersistOptions): Persistence {
  let failing = false
  return {
    load() {
      try {
        return parseStoredConversation(storage?.getItem(key) ?? null)
      } catch {
        return undefined
      }
    },
    save(conversation) {
      try {
        if (conversation.messages.length === 0 && conversation.taskId === undefined) {
          storage?.removeItem(key)
        } else storage?.setItem(key, JSON.stringify({ version: VERSION, conversation }))
        failing = false
      } catch (error) {
        // Quota or access errors: the conversation is not kept, and the app hears it once.
        if (failing) return
        failing = true
        try {
          onError?.(error)
        } catch (callbackError) {
          console.error('[auteryn] onPersistError threw:', callbackError)
        }
      }
    },
  }
}

/*
 * The same stored form as `createPersistence`, for storages that answer later (the thread list).
 * Kept apart from it rather than shared: the single-store path is measured against the client's
 * size budget, and these helpers cost it nothing while only the thread list imports them.
 */

/** The stored form of a conversation; `undefined` when there is nothing worth keeping. */
export function serializeConversation(conversation: Conversation): string | undefined {
  if (conversation.messages.length === 0 && conversation.taskId === undefined) return undefined
  return JSON.stringify({ version: VERSION, conversation })
}

/**
 * Reads a stored conversation: `undefined` for anything that is not one, and only what the kit
 * can render of one that is (`readStoredConversation`). Throws on text that is not JSON.
 * `live`: another tab stored it just now, so its live run is that tab's to finish, not one that
 * a closed page left.
 */
export function parseStoredConversation(
  text: string | null,
  live = false,
): Conversation | undefined {
  const envelope: unknown = JSON.parse(text ?? 'null')
  if (!isJsonObject(envelope) || envelope.version !== VERSION) return undefined
  const stored = envelope.conversation
  // Another tab's live run must be followable: a bad run key there means a value not to take.
  if (
    live &&
    isJsonObject(stored) &&
    stored.resumable !== undefined &&
    !isResumableRun(stored.resumable)
  ) {
    return undefined
  }
  const conversation = readStoredConversation(stored)
  return conversation && (live ? conversation : restore(conversation))
}

/**
 * A run that was in flight when the page went away: one the route keeps is re-attached to
 * (`resume`), any other can never finish, so say so.
 */
function restore(conversation: Conversation): Conversation {
  if (conversation.activeRunId === undefined) return conversation
  if (isResumableRun(conversation.resumable)) return { ...conversation, status: 'reconnecting' }
  return reduceConversation(conversation, {
    type: 'fail',
    runId: conversation.activeRunId,
    error: { kind: 'interrupted', message: 'The page was closed before the run finished' },
  })
}

export function defaultStorage(): PersistOptions['storage'] {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined // Reading localStorage itself throws in sandboxed frames.
  }
}
