/**
 * What a reader sees of rendered markdown, and whether a streamed frame shows anything the
 * finished answer does not. Used by the flicker test and by the bench, never by the kit itself.
 */

/** Visible characters of `root`, whitespace removed, without the UI around the text. */
export function visibleText(root: Element): string {
  let text = ''
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      text += node.nodeValue ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const element = node as Element
    if (
      element.getAttribute('aria-hidden') === 'true' ||
      element.tagName === 'BUTTON' ||
      element.classList.contains('auteryn-code-block-header')
    ) {
      return
    }
    for (let child = element.firstChild; child; child = child.nextSibling) walk(child)
  }
  walk(root)
  return text.replace(/\s+/g, '')
}

/**
 * Whether `streamed` shows a character that `final` does not show at that place: every character
 * of a streamed frame must appear, in order, in the finished answer (text may be held back, never
 * shown and then taken away).
 */
export function flickers(streamed: string, final: string): boolean {
  let at = 0
  for (const character of streamed) {
    at = final.indexOf(character, at)
    if (at < 0) return true
    at += character.length
  }
  return false
}
