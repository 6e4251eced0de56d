import type { CSSProperties } from 'react'

/**
 * Hides text from sight but not from assistive technology. Inline rather than a class, so the
 * unstyled path (no stylesheet at all) never shows screen-reader-only text.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
}
