/** Cancels a scheduled frame callback. */
export type CancelFrame = () => void

/**
 * Runs `callback` before the next paint. Falls back to a timer when there is no
 * `requestAnimationFrame` (server, tests, workers) or the tab is hidden, because browsers pause
 * animation frames in hidden tabs and a streaming answer must still reach the store.
 */
export function requestFrame(callback: () => void): CancelFrame {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden'
  if (typeof requestAnimationFrame === 'function' && !hidden) {
    const handle = requestAnimationFrame(() => callback())
    return () => cancelAnimationFrame(handle)
  }
  const handle = setTimeout(callback, 16)
  return () => clearTimeout(handle)
}
