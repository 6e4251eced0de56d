'use client'
import type { ChatLabels } from '../labels'
import { visuallyHidden } from '../status-region/visually-hidden'

export interface VersionPagerProps {
  /** Zero-based index of the version shown. */
  index: number
  count: number
  onChange: (index: number) => void
  labels: ChatLabels
}

/**
 * `◀ 1/2 ▶` between the versions of an answer. The ends are `aria-disabled`, not disabled, so
 * the keyboard focus stays on the button that reached them.
 */
export function VersionPager({ index, count, onChange, labels }: VersionPagerProps) {
  const first = index === 0
  const last = index === count - 1
  return (
    <span className="auteryn-version-pager">
      <button
        type="button"
        className="auteryn-message-action"
        aria-label={labels.previousVersion}
        aria-disabled={first || undefined}
        onClick={() => first || onChange(index - 1)}
      >
        <span aria-hidden="true">◀</span>
      </button>
      <span className="auteryn-version-position" aria-hidden="true">
        {`${index + 1}/${count}`}
      </span>
      <span style={visuallyHidden} aria-live="polite">
        {labels.versionPosition(index + 1, count)}
      </span>
      <button
        type="button"
        className="auteryn-message-action"
        aria-label={labels.nextVersion}
        aria-disabled={last || undefined}
        onClick={() => last || onChange(index + 1)}
      >
        <span aria-hidden="true">▶</span>
      </button>
    </span>
  )
}
