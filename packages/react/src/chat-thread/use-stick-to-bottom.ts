'use client'
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { requestFrame, type CancelFrame } from '@auteryn/client'

/** Within this many pixels of the end still counts as "at the bottom". */
const threshold = 32

export interface StickToBottom {
  /** Attach to the scrolling element. */
  scrollRef: RefObject<HTMLDivElement | null>
  /** False once the reader has scrolled up; true again at the bottom or after `jumpToLatest`. */
  pinned: boolean
  /** Call after content changed: scrolls to the end on the next frame if pinned. */
  follow: () => void
  /** Scrolls to the end and pins again (the "Jump to latest" button). */
  pin: () => void
  /** Stops following where the scroller is now, as if the reader had scrolled up. */
  unpin: () => void
}

/**
 * Keeps a scroller at its end while content grows, until the reader scrolls up. Growth is
 * followed at most once per animation frame, however many chunks arrive, so a fast stream costs
 * one layout read per frame. Only upward movement unpins: content growing under a pinned
 * reader moves the end away without the reader doing anything, and must not count as leaving.
 */
export function useStickToBottom(): StickToBottom {
  const scrollRef = useRef<HTMLDivElement | null>(null)
  const pinnedRef = useRef(true)
  const lastTop = useRef(0)
  const cancelFrame = useRef<CancelFrame | undefined>(undefined)
  const [pinned, setPinned] = useState(true)

  const setPinnedOnce = useCallback((next: boolean) => {
    if (pinnedRef.current === next) return
    pinnedRef.current = next
    setPinned(next)
  }, [])

  const scrollToEnd = useCallback(() => {
    const element = scrollRef.current
    if (!element) return
    element.scrollTop = element.scrollHeight
    lastTop.current = element.scrollTop
  }, [])

  const follow = useCallback(() => {
    if (cancelFrame.current || !pinnedRef.current) return
    cancelFrame.current = requestFrame(() => {
      cancelFrame.current = undefined
      if (pinnedRef.current) scrollToEnd()
    })
  }, [scrollToEnd])

  const pin = useCallback(() => {
    setPinnedOnce(true)
    scrollToEnd()
  }, [scrollToEnd, setPinnedOnce])

  const unpin = useCallback(() => setPinnedOnce(false), [setPinnedOnce])

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const onScroll = () => {
      const { scrollTop, scrollHeight, clientHeight } = element
      if (scrollHeight - scrollTop - clientHeight <= threshold) setPinnedOnce(true)
      else if (scrollTop < lastTop.current) setPinnedOnce(false)
      lastTop.current = scrollTop
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    // Content that grows on its own (an expanded card, a loaded image) is followed too.
    const observer =
      typeof ResizeObserver === 'function' ? new ResizeObserver(() => follow()) : undefined
    for (const child of element.children) observer?.observe(child)
    return () => {
      element.removeEventListener('scroll', onScroll)
      observer?.disconnect()
      cancelFrame.current?.()
      cancelFrame.current = undefined
    }
  }, [follow, setPinnedOnce])

  return { scrollRef, pinned, follow, pin, unpin }
}
