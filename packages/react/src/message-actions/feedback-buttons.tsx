'use client'
import { useState, type FormEvent } from 'react'
import type { AssistantMessage, FeedbackRating, MessageFeedback } from '@auteryn/client'
import type { ChatLabels } from '../labels'

export interface FeedbackButtonsProps {
  message: AssistantMessage
  labels: ChatLabels
  onFeedback: (message: AssistantMessage, feedback: MessageFeedback | undefined) => void
}

const thumb =
  'M5 7v7H2.5V7zM5 7l3-5c1.2 0 2 .8 1.8 2L9.3 6.5H13c.8 0 1.4.8 1.2 1.6l-1.1 4.6c-.2.8-.9 1.3-1.7 1.3H5'

function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d={thumb}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
        transform={down ? 'rotate(180 8 8)' : undefined}
      />
    </svg>
  )
}

/**
 * Thumbs up and down (pressed state shown, pressing again takes the rating back), then an
 * optional comment. The rating is reported at once; the comment, if any, when it is sent.
 */
export function FeedbackButtons({ message, labels, onFeedback }: FeedbackButtonsProps) {
  const [commenting, setCommenting] = useState(false)
  const current = message.feedback

  const rate = (rating: FeedbackRating) => {
    const taken = current?.rating === rating
    onFeedback(message, taken ? undefined : { rating })
    setCommenting(!taken)
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const comment = String(new FormData(event.currentTarget).get('comment') ?? '').trim()
    if (current && comment !== '') onFeedback(message, { rating: current.rating, comment })
    setCommenting(false)
  }

  return (
    <>
      {(['up', 'down'] as const).map((rating) => (
        <button
          key={rating}
          type="button"
          className="auteryn-message-action"
          aria-label={rating === 'up' ? labels.feedbackGood : labels.feedbackBad}
          title={rating === 'up' ? labels.feedbackGood : labels.feedbackBad}
          aria-pressed={current?.rating === rating}
          onClick={() => rate(rating)}
        >
          <Thumb down={rating === 'down'} />
        </button>
      ))}
      {commenting && current ? (
        <form className="auteryn-feedback-form" onSubmit={submit}>
          <label>
            <span>{labels.feedbackComment}</span>
            <textarea
              name="comment"
              rows={2}
              maxLength={2000}
              defaultValue={current.comment}
              autoFocus
              onKeyDown={(event) => {
                if (event.key === 'Escape') setCommenting(false)
              }}
            />
          </label>
          <span className="auteryn-feedback-buttons">
            <button type="submit">{labels.sendFeedback}</button>
            <button type="button" onClick={() => setCommenting(false)}>
              {labels.cancel}
            </button>
          </span>
        </form>
      ) : current?.comment ? (
        <span className="auteryn-feedback-note">{labels.feedbackSent}</span>
      ) : null}
    </>
  )
}
