'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  AssistantMessage,
  ConversationStatus,
  Message,
  MessageFeedback,
} from '@auteryn/client'
import type { MessageActionOptions, ThreadActions } from './thread-actions'

export interface ThreadActionCallbacks {
  onRegenerate?: (messageId: string) => void
  onEdit?: (messageId: string, text: string) => void
  onFeedback?: (message: AssistantMessage, feedback: MessageFeedback | undefined) => void
}

const noCustomActions: ThreadActions['custom'] = []

/**
 * The actions every message of a thread shares (`actions`; `shared` is the same without the
 * regenerable and editable ids, for the messages they do not name), and the messages as shown: an answer paged to
 * an earlier version shows that version, and its question the one it answered. Callbacks are
 * read from a ref, so a caller's new function on each render re-renders no message.
 */
export function useThreadActions(
  messages: readonly Message[],
  status: ConversationStatus,
  options: MessageActionOptions | false | undefined,
  callbacks: ThreadActionCallbacks,
): {
  actions: ThreadActions | undefined
  shared: ThreadActions | undefined
  shown: readonly Message[]
} {
  const latest = useRef(callbacks)
  useEffect(() => {
    latest.current = callbacks
  })
  const [shownVersions, setShownVersions] = useState<ReadonlyMap<string, number>>(() => new Map())
  const showVersion = useCallback((messageId: string, index: number) => {
    setShownVersions((current) => new Map(current).set(messageId, index))
  }, [])

  const running = status === 'submitted' || status === 'streaming'
  const last = messages.at(-1)
  const regenerableId = !running && last?.role === 'assistant' ? last.id : undefined
  const editableId = running ? undefined : messages.findLast((m) => m.role === 'user')?.id
  const enabled = options !== false && options !== undefined
  const { copy = true, regenerate = true, edit = true, feedback = true, custom } = options || {}
  const has = {
    regenerate: enabled && regenerate && callbacks.onRegenerate !== undefined,
    edit: enabled && edit && callbacks.onEdit !== undefined,
    feedback: enabled && feedback && callbacks.onFeedback !== undefined,
  }

  // Everything but the two ids: while a run starts or ends only the ids change, and messages that
  // are neither (every earlier one) keep this object, so they do not render again.
  const shared = useMemo<ThreadActions | undefined>(() => {
    if (!enabled) return undefined
    return {
      copy,
      custom: custom ?? noCustomActions,
      shownVersions,
      showVersion,
      regenerate: has.regenerate ? (id) => latest.current.onRegenerate?.(id) : undefined,
      edit: has.edit ? (id, text) => latest.current.onEdit?.(id, text) : undefined,
      feedback: has.feedback
        ? (message, given) => latest.current.onFeedback?.(message, given)
        : undefined,
    }
  }, [enabled, copy, custom, shownVersions, showVersion, has.regenerate, has.edit, has.feedback])
  const actions = useMemo(
    () => shared && { ...shared, regenerableId, editableId },
    [shared, regenerableId, editableId],
  )

  const shown = useMemo(
    () => (shownVersions.size === 0 ? messages : withVersionsShown(messages, shownVersions)),
    [messages, shownVersions],
  )
  return { actions, shared, shown }
}

/** The thread with each paged answer (and its question) replaced by the version shown. */
function withVersionsShown(
  messages: readonly Message[],
  shownVersions: ReadonlyMap<string, number>,
): readonly Message[] {
  const shown = messages.slice()
  messages.forEach((message, index) => {
    if (message.role !== 'assistant' || !message.versions) return
    const version = message.versions[shownVersions.get(message.id) ?? message.versions.length]
    if (!version) return
    // The answer keeps its place (id) and its versions, so the pager stays where it was.
    shown[index] = { ...version.answer, id: message.id, versions: message.versions }
    const question = messages[index - 1]
    if (question?.role === 'user') shown[index - 1] = { ...question, text: version.question }
  })
  return shown
}
