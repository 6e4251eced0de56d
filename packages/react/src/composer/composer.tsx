'use client'
import { useId, useRef, useState } from 'react'
import type { ComponentPropsWithoutRef, FormEvent, KeyboardEvent, MouseEvent } from 'react'
import type { ConversationStatus } from '@auteryn/client'
import { classNames } from '../class-names'
import { resolveLabels } from '../labels'
import type { Labels } from '../labels'
import { visuallyHidden } from '../status-region/visually-hidden'
import { useBrowserLayoutEffect } from '../use-browser-layout-effect'

/** What `onSend` may return: `false` or a rejected promise means "not sent, keep the draft". */
export type ComposerSendResult = void | boolean | Promise<void | boolean>

export interface ComposerProps extends Omit<
  ComponentPropsWithoutRef<'form'>,
  'onSubmit' | 'children' | 'defaultValue'
> {
  /**
   * Sends the trimmed draft. The draft is cleared once this succeeds: return `false` or reject to
   * keep it (the rejection is caught here; show the error elsewhere). Resolve as soon as the
   * message is accepted, not when the answer ends.
   */
  onSend: (text: string) => ComposerSendResult
  /** Stops the running answer (the Stop button and Escape). */
  onStop: () => void
  /** The conversation status; `submitted` and `streaming` turn Send into Stop. Default `'idle'`. */
  status?: ConversationStatus
  /** Disables typing and sending; Stop stays usable so a paid run can always be stopped. Default `false`. */
  disabled?: boolean
  /** Placeholder text. Default `labels.placeholder` ("Ask the agent…"). */
  placeholder?: string
  /** Overrides for the visible and announced strings. Default English `defaultLabels`. */
  labels?: Partial<Labels>
  /** The initial draft (uncontrolled). Default `''`. */
  defaultValue?: string
}

function isRunning(status: ConversationStatus): boolean {
  return status === 'submitted' || status === 'streaming' || status === 'reconnecting'
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}

/** A message box that grows with its text, with one button that is Send when idle and Stop while an answer runs. */
export function Composer({
  onSend,
  onStop,
  status = 'idle',
  disabled = false,
  placeholder,
  labels: labelOverrides,
  defaultValue = '',
  className,
  ...rest
}: ComposerProps) {
  const labels = resolveLabels(labelOverrides)
  const inputId = useId()
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const [draft, setDraft] = useState(defaultValue)
  // The ref blocks a second send in the same tick; the state re-renders the button as disabled.
  const sendingRef = useRef(false)
  const [sending, setSending] = useState(false)
  const running = isRunning(status)
  const empty = draft.trim() === ''

  // Sized before paint, so the box never flashes at its old height.
  useBrowserLayoutEffect(() => {
    const textarea = textareaRef.current
    if (!textarea || globalThis.CSS?.supports?.('field-sizing', 'content')) return
    // Fallback for browsers without `field-sizing`: CSS max-height still caps the growth.
    textarea.style.height = 'auto'
    const borders = textarea.offsetHeight - textarea.clientHeight
    textarea.style.height = `${textarea.scrollHeight + borders}px`
  }, [draft])

  function send() {
    const sentDraft = draft
    const text = sentDraft.trim()
    if (text === '' || disabled || running || sendingRef.current) return
    // Only clear what was sent: text typed while the send was pending stays.
    const clearDraft = () => setDraft((current) => (current === sentDraft ? '' : current))
    let outcome: ComposerSendResult
    try {
      outcome = onSend(text)
    } catch {
      return
    }
    if (!isPromiseLike(outcome)) {
      if (outcome !== false) clearDraft()
      return
    }
    sendingRef.current = true
    setSending(true)
    Promise.resolve(outcome)
      .then(
        (result) => {
          if (result !== false) clearDraft()
        },
        () => undefined,
      )
      .finally(() => {
        sendingRef.current = false
        setSending(false)
      })
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    send()
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape' && running) {
      event.preventDefault()
      onStop()
      return
    }
    // keyCode 229 is Safari's Enter that confirms an IME composition with isComposing already false.
    const composing = event.nativeEvent.isComposing || event.keyCode === 229
    if (event.key !== 'Enter' || event.shiftKey || composing) return
    event.preventDefault()
    send()
  }

  function handleStopClick(event: MouseEvent<HTMLButtonElement>) {
    // The second click of a double-click on Send lands on the Stop button it just became.
    if (event.detail > 1) return
    onStop()
  }

  const buttonLabel = running ? labels.stop : labels.send
  return (
    <form
      {...rest}
      className={classNames('auteryn-composer', className)}
      data-state={status}
      onSubmit={handleSubmit}
    >
      <label htmlFor={inputId} style={visuallyHidden}>
        {labels.message}
      </label>
      <textarea
        ref={textareaRef}
        id={inputId}
        className="auteryn-composer-input"
        name="message"
        rows={1}
        enterKeyHint="send"
        value={draft}
        placeholder={placeholder ?? labels.placeholder}
        disabled={disabled}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={handleKeyDown}
      />
      <button
        type={running ? 'button' : 'submit'}
        className="auteryn-composer-button"
        aria-label={buttonLabel}
        title={buttonLabel}
        data-action={running ? 'stop' : 'send'}
        disabled={running ? false : empty || disabled || sending}
        onClick={running ? handleStopClick : undefined}
      >
        {running ? <StopIcon /> : <SendIcon />}
      </button>
    </form>
  )
}

function SendIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M8 13V3M3.5 7.5 8 3l4.5 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}

function StopIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="3.5" y="3.5" width="9" height="9" rx="2" fill="currentColor" />
    </svg>
  )
}
