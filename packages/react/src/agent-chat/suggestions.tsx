'use client'
import { resolveLabels, type Labels } from '../labels'

export interface SuggestionsProps {
  /** Questions offered as one-click chips. */
  suggestions: readonly string[]
  /** Called with the chip's text. */
  onSelect: (suggestion: string) => void
  /** Disables the chips (e.g. while a run is live). Default `false`. */
  disabled?: boolean
  /** Overrides for the list's accessible name. Default English `defaultLabels`. */
  labels?: Partial<Labels>
}

/** Suggested first questions; a click sends one. */
export function Suggestions({
  suggestions,
  onSelect,
  disabled = false,
  labels: labelOverrides,
}: SuggestionsProps) {
  if (suggestions.length === 0) return null
  const labels = resolveLabels(labelOverrides)
  return (
    <ul className="auteryn-suggestions" aria-label={labels.suggestions}>
      {suggestions.map((suggestion) => (
        <li key={suggestion}>
          <button
            type="button"
            className="auteryn-suggestion"
            disabled={disabled}
            onClick={() => onSelect(suggestion)}
          >
            {suggestion}
          </button>
        </li>
      ))}
    </ul>
  )
}
