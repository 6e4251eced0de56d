'use client'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { UserMessage } from '@auteryn/client'
import type { ChatLabels } from '../labels'
import type { ThreadActions } from './thread-actions'

export interface QuestionViewProps {
  message: UserMessage
  labels: ChatLabels
  actions: ThreadActions | undefined
}

/** A question; the last one can be edited in place and sent again while nothing runs. */
export function QuestionView({ message, labels, actions }: QuestionViewProps) {
  const [editing, setEditing] = useState(false)
  const editRef = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  const edit = actions?.editableId === message.id ? actions.edit : undefined

  useEffect(() => {
    // Cancelled: the keyboard goes back to the Edit button, not to the page.
    if (!editing && wasEditing.current) editRef.current?.focus()
    wasEditing.current = editing
  }, [editing])

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const text = String(new FormData(event.currentTarget).get('question') ?? '').trim()
    if (text === '' || !edit) return
    setEditing(false)
    edit(message.id, text)
  }

  return (
    <article className="auteryn-message" data-role="user" aria-label={labels.you}>
      {editing && edit ? (
        <form className="auteryn-question-editor" onSubmit={submit}>
          <textarea
            name="question"
            aria-label={labels.editQuestion}
            defaultValue={message.text}
            dir="auto"
            autoFocus
            rows={3}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setEditing(false)
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault()
                event.currentTarget.form?.requestSubmit()
              }
            }}
          />
          <p className="auteryn-message-hint">{labels.editHint}</p>
          <span className="auteryn-feedback-buttons">
            <button type="submit">{labels.send}</button>
            <button type="button" onClick={() => setEditing(false)}>
              {labels.cancel}
            </button>
          </span>
        </form>
      ) : (
        <div className="auteryn-message-bubble" dir="auto">
          {message.text}
        </div>
      )}
      {edit && !editing ? (
        <div className="auteryn-message-actions" role="group" aria-label={labels.messageActions}>
          <button
            ref={editRef}
            type="button"
            className="auteryn-message-action"
            onClick={() => setEditing(true)}
          >
            {labels.edit}
          </button>
        </div>
      ) : null}
    </article>
  )
}
