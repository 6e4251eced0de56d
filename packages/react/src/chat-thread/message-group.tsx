'use client'
import { memo } from 'react'
import type { Message } from '@auteryn/client'
import { MessageView, type MessageViewProps } from './message-view'

/** Messages per group: about the square root of a long thread, so both loops stay short. */
export const messagesPerGroup = 32

export interface MessageGroupProps extends Omit<MessageViewProps, 'message'> {
  /** Consecutive messages of the thread; settled ones keep their identity (the store does). */
  messages: readonly Message[]
}

/**
 * A run of consecutive messages. While the newest message streams, every earlier group is
 * skipped by React after one comparison of its messages, and by the browser while out of view
 * (`content-visibility` on the group, not on each message, so a thousand messages are a few
 * dozen elements for its visibility checks): a frame costs nearly the same in a long thread.
 */
export const MessageGroup = memo(function MessageGroup({ messages, ...shared }: MessageGroupProps) {
  return (
    <div className="auteryn-thread-group">
      {messages.map((message) => (
        <MessageView key={message.id} message={message} {...shared} />
      ))}
    </div>
  )
}, sameGroup)

/** The group's slice is a new array every render; what matters is whether its messages are. */
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
