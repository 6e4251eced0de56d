export interface NewConversationButtonProps {
  onClick: () => void
  /** Default false. */
  disabled?: boolean
  /** Shows "New" only; the accessible name stays "New conversation". Default false. */
  compact?: boolean
}

/** Starts over: the kit's `reset` clears the conversation, and the next run gets a new task_id. */
export function NewConversationButton({
  onClick,
  disabled,
  compact = false,
}: NewConversationButtonProps) {
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={onClick}
      disabled={disabled}
      aria-label={compact ? 'New conversation' : undefined}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
        <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      {compact ? 'New' : 'New conversation'}
    </button>
  )
}
