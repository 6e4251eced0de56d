'use client'
import { useEffect, useState, type ButtonHTMLAttributes } from 'react'
import { classNames } from '../class-names'
import type { Labels } from '../labels'

export interface CopyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> {
  /** The text to copy, or a function that builds it on click (for large values). */
  text: string | (() => string)
  /** Accessible name while idle, e.g. "Copy code"; the visible text is `labels.copy`. */
  label: string
  labels: Pick<Labels, 'copy' | 'copied' | 'copyFailed'>
}

type CopyState = 'idle' | 'copied' | 'failed'

/** How long "Copied" stays before the button reads "Copy" again. */
const resetAfterMs = 2000

/** A button that copies text and says so; the clipboard may be missing or refuse (no HTTPS). */
export function CopyButton({ text, label, labels, className, ...rest }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), resetAfterMs)
    return () => clearTimeout(timer)
  }, [state])

  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
    if (!clipboard?.writeText) {
      setState('failed')
      return
    }
    let value: string
    try {
      value = typeof text === 'function' ? text() : text
    } catch {
      setState('failed')
      return
    }
    clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    )
  }

  const visible =
    state === 'copied' ? labels.copied : state === 'failed' ? labels.copyFailed : labels.copy
  return (
    <button
      type="button"
      className={classNames('auteryn-copy-button', className)}
      data-state={state}
      aria-label={state === 'idle' ? label : undefined}
      {...rest}
      onClick={copy}
    >
      {visible}
    </button>
  )
}
