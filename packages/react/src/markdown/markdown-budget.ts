import { openDelimiters } from './repair-inline'

/**
 * What is lexed as markdown at most. marked's time grows faster than the text in a few shapes:
 * deep nesting (a 2.2 MB list indented two more spaces per item took 11 s and 2 GB; 300 levels,
 * 91 KB, took 0.6 s; 10,000 levels exhaust the stack after 2 s), and emphasis openers that nothing
 * closes in one paragraph (15 KB of `*a` lines took 5 s). Past any cap, an answer renders as plain
 * text with a note, and marked never sees it.
 */
export const markdownLimits = {
  /** Characters lexed as markdown: 100,000. */
  maxLength: 100_000,
  /** Nested lists and quotes, counted from markers and indentation (two columns a level): 32. */
  maxDepth: 32,
  /** Unclosed emphasis openers in a paragraph times its length: 200,000. */
  maxEmphasisWork: 200_000,
} as const

// Quote markers, list markers and indentation at the start of a line, repeated.
const containers = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*/
const fence = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:`{3,}|~{3,})/

function lineDepth(line: string): number {
  const prefix = containers.exec(line)?.[0] ?? ''
  const markers = prefix.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0
  // Indentation nests only under a marker; plain indentation (code) does not count.
  if (markers === 0) return 0
  let columns = 0
  for (const character of prefix) columns += character === '\t' ? 4 : character === ' ' ? 1 : 0
  return markers + Math.floor(columns / 2)
}

/**
 * Whether `text` is past a cap of `markdownLimits`. Only `text.slice(from)` is read (the part
 * not checked before, starting at a block boundary), in one linear pass.
 */
export function exceedsMarkdownLimits(text: string, from = 0): boolean {
  if (text.length > markdownLimits.maxLength) return true
  let paragraphStart = from
  let inFence = false
  for (let start = from; start <= text.length;) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const line = text.slice(start, end)
    if (lineDepth(line) > markdownLimits.maxDepth) return true
    const isFence = fence.test(line)
    // Code is never parsed for emphasis: a fence line or a blank line ends a paragraph.
    if (isFence || inFence || !line.trim() || end === text.length) {
      const paragraph = inFence ? '' : text.slice(paragraphStart, isFence ? start : end)
      if (openDelimiters(paragraph).length * paragraph.length > markdownLimits.maxEmphasisWork) {
        return true
      }
      paragraphStart = end + 1
    }
    if (isFence) inFence = !inFence
    start = end + 1
  }
  return false
}
