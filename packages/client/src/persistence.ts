import { reduceConversation } from './reducer'
import type { Conversation, JsonObject, ResumableRun } from './types'
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
        const envelope: unknown = JSON.parse(storage?.getItem(key) ?? 'null')
        if (!isJsonObject(envelope) || envelope.version !== VERSION) return undefined
        return isConversation(envelope.conversation) ? restore(envelope.conversation) : undefined
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
 * Reads a stored conversation: `undefined` for anything that is not one. Throws on text that is
 * not JSON. `live`: another tab stored it just now, so its live run is that tab's to finish, not
 * one that a closed page left.
 */
export function parseStoredConversation(
  text: string | null,
  live = false,
): Conversation | undefined {
  const envelope: unknown = JSON.parse(text ?? 'null')
  if (!isJsonObject(envelope) || envelope.version !== VERSION) return undefined
  if (!isConversation(envelope.conversation)) return undefined
  const conversation = envelope.conversation
  if (live && conversation.resumable !== undefined && !isResumableRun(conversation.resumable)) {
    return undefined
  }
  return live ? conversation : restore(conversation)
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

/** A stored run key is sent as a header: only what the route accepts as one is kept. */
function isResumableRun(value: unknown): value is ResumableRun {
  return (
    isJsonObject(value) &&
    typeof value.key === 'string' &&
    /^[A-Za-z0-9_-]{1,128}$/.test(value.key) &&
    Number.isSafeInteger(value.lastEventId) &&
    (value.lastEventId as number) >= 0
  )
}

export function defaultStorage(): PersistOptions['storage'] {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined // Reading localStorage itself throws in sandboxed frames.
  }
}

/** Enough shape checking that a stored value cannot crash whoever renders it. */
function isConversation(value: unknown): value is Conversation {
  return (
    isJsonObject(value) &&
    typeof value.status === 'string' &&
    isJsonObject(value.credits) &&
    typeof value.credits.total === 'number' &&
    Array.isArray(value.messages) &&
    value.messages.every(isMessage)
  )
}

function isMessage(value: unknown): boolean {
  if (!isJsonObject(value) || typeof value.id !== 'string') return false
  if (value.role === 'user') return typeof value.text === 'string'
  return isAnswer(value) && (value.versions === undefined || isVersionList(value.versions))
}

function isAnswer(value: unknown): value is JsonObject {
  return (
    isJsonObject(value) &&
    typeof value.id === 'string' &&
    value.role === 'assistant' &&
    typeof value.status === 'string' &&
    Array.isArray(value.parts) &&
    value.parts.every(
      (part) =>
        isJsonObject(part) &&
        (part.kind === 'text'
          ? typeof part.text === 'string'
          : part.kind === 'tool' && typeof part.id === 'string' && typeof part.tool === 'string'),
    ) &&
    (value.feedback === undefined || isFeedback(value.feedback))
  )
}

function isFeedback(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    (value.rating === 'up' || value.rating === 'down') &&
    (value.comment === undefined || typeof value.comment === 'string')
  )
}

/** Versions hold answers only, one level deep: a version never has versions of its own. */
function isVersionList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (version) =>
        isJsonObject(version) &&
        typeof version.question === 'string' &&
        isAnswer(version.answer) &&
        version.answer.versions === undefined,
    )
  )
}
