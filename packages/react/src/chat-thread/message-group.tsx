'use client'
import { memo } from 'react'
import type { Message } from '@auteryn/client'
import type { ThreadActions } from '../message-actions/thread-actions'
import { MessageView, type MessageViewProps } from './message-view'

/** The average group: about the square root of a long thread, so neither loop gets long. */
const averageGroupSize = 32

export interface MessageGroupProps extends Omit<MessageViewProps, 'message'> {
  /** Consecutive messages of the thread; settled ones keep their identity (the store does). */
  messages: readonly Message[]
  /** `actions` without the regenerable and editable ids, for every message they do not name. */
  shared?: ThreadActions
}

/**
 * A run of consecutive messages, the unit the browser skips while it is out of view
 * (`content-visibility` on the group: a thousand messages are a few dozen elements for its
 * per-frame visibility checks, and a frame's layout stops at the groups). While the newest
 * message streams, React also skips every earlier group after comparing its messages.
 */
export const MessageGroup = memo(function MessageGroup({
  messages,
  actions,
  shared,
  ...props
}: MessageGroupProps) {
  return (
    <div className="auteryn-thread-group">
      {messages.map((message) => (
        <MessageView
          key={message.id}
          message={message}
          // The ids matter only to the messages they name: the others keep their memo.
          actions={
            [actions?.regenerableId, actions?.editableId].includes(message.id) ? actions : shared
          }
          {...props}
        />
      ))}
    </div>
  )
}, sameGroup)

/** The group's messages are a new array every render; what matters is whether its messages are. */
function sameGroup(before: MessageGroupProps, after: MessageGroupProps): boolean {
  const { messages: beforeMessages, ...beforeShared } = before
  const { messages: afterMessages, ...afterShared } = after
  return (
    beforeMessages.length === afterMessages.length &&
    beforeMessages.every((message, index) => message === afterMessages[index]) &&
    sameProps(beforeShared, afterShared)
  )
}

function sameProps(before: object, after: object): boolean {
  const beforeEntries = Object.entries(before)
  return (
    beforeEntries.length === Object.keys(after).length &&
    beforeEntries.every(([key, value]) => Object.is(value, (after as Record<string, unknown>)[key]))
  )
}

export interface Group {
  /** The id of its first message: a group keeps its key as long as it keeps its start. */
  key: string
  messages: Message[]
}

/**
 * Splits the thread into groups whose starts depend on the messages, not on their positions: a
 * message starts a group when its id hashes to a multiple of the average size (or when the
 * group already holds twice that). Messages added or removed before a group then leave it, and
 * the state of its messages (an open tool card, focus), in place; with fixed-size slices, one
 * message added at the top would move every message into another group, and React would
 * rebuild them all.
 */
export function groupMessages(messages: readonly Message[]): Group[] {
  const groups: Group[] = []
  let current: Group | undefined
  for (const message of messages) {
    if (
      !current ||
      current.messages.length >= 2 * averageGroupSize ||
      hash(message.id) % averageGroupSize === 0
    ) {
      current = { key: message.id, messages: [] }
      groups.push(current)
    }
    current.messages.push(message)
  }
  return groups
}

/** FNV-1a: spreads ids that differ in a character or two (a counter) over every remainder. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value = Math.imul(value ^ text.charCodeAt(index), 0x01000193)
  }
  return value >>> 0
}
