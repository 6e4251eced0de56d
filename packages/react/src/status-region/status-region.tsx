'use client'
import { useState } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import type { AgentRunErrorInfo, ConversationStatus, Message } from '@auteryn/client'
import { classNames } from '../class-names'
import { resolveLabels } from '../labels'
import type { Labels } from '../labels'
import { announcementFor } from './announcement'
import type { AnnouncementSnapshot } from './announcement'
import { visuallyHidden } from './visually-hidden'

export interface StatusRegionProps extends Omit<
  ComponentPropsWithoutRef<'div'>,
  'children' | 'role'
> {
  /** The conversation status. */
  status: ConversationStatus
  /** The conversation's messages, as the store holds them. */
  messages: readonly Message[]
  /** The conversation's error, used when the failed answer carries none. Default: none. */
  error?: AgentRunErrorInfo
  /** Overrides for the announcements. Default English `defaultLabels`. */
  labels?: Partial<Labels>
  /**
   * Announce failed runs. Turn it off when something else says why, in its own words, such as
   * `<AgentChat>`'s banner (an alert): the failure is then heard once, not twice. Default `true`.
   */
  announceFailures?: boolean
  /** Show the announcement instead of hiding it for screen readers only. Default `false`. */
  visible?: boolean
}

/**
 * The chat's one polite live region. Render it once per chat, from the first render on (a live
 * region inserted together with its text is often not read). It announces when a run starts,
 * uses a tool, completes, stops or fails (unless `announceFailures` is off), and never for
 * streamed text.
 */
export function StatusRegion({
  status,
  messages,
  error,
  labels: labelOverrides,
  announceFailures = true,
  visible = false,
  className,
  style,
  ...rest
}: StatusRegionProps) {
  const labels = resolveLabels(labelOverrides)
  const [snapshot, setSnapshot] = useState<AnnouncementSnapshot>({ status, messages, error })
  const [announcement, setAnnouncement] = useState({ text: '', count: 0 })

  // React's "adjust state while rendering" pattern: pure, so StrictMode's double render is harmless.
  if (snapshot.status !== status || snapshot.messages !== messages || snapshot.error !== error) {
    const next = { status, messages, error }
    const text = announcementFor(snapshot, next, labels)
    setSnapshot(next)
    // A failure left unsaid still clears "Agent is responding", which is no longer true.
    const said = announceFailures || status !== 'error' ? text : ''
    if (said !== undefined) setAnnouncement(({ count }) => ({ text: said, count: count + 1 }))
  }

  return (
    <div
      {...rest}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className={classNames('auteryn-status-region', className)}
      style={visible ? style : { ...visuallyHidden, ...style }}
    >
      {/* A fresh node per announcement, so the same words twice ("Agent used github") are read twice. */}
      {announcement.text && <span key={announcement.count}>{announcement.text}</span>}
    </div>
  )
}
