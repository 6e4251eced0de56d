/**
 * Tests' ear: what assistive technology is handed to speak. The non-empty text of every live
 * region under `root`, in document order (a `log` with `aria-live="off"` is not live).
 */
export function liveRegionTexts(root: ParentNode = document.body): string[] {
  const live = root.querySelectorAll(
    '[role="alert"], [role="status"], [aria-live="polite"], [aria-live="assertive"]',
  )
  return [...live].map((region) => region.textContent ?? '').filter((text) => text !== '')
}
