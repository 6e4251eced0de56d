/**
 * Block syntax on the last line of a streamed answer that would show for a moment and then
 * vanish: a lone `-` or `=` line (the line before would briefly become a heading), a marker
 * with nothing after it yet, a fence line still being typed, a half-typed HTML tag, a table
 * header before its delimiter row. Such a line waits until it can no longer change what it is.
 * The result is always a prefix of the text, plus at most a completed delimiter row, so the
 * blocks the incremental lexer settles from it stay valid for every later text.
 */

// After indentation and quote markers: only markers (`-`, `* `, `1.`, `#`, ``` `` ```, `|`…).
const markersOnly = /^[ \t>]*(?:[-=*_+#`~:| \t]*|\d{1,9}[.)]?[ \t]*)$/
// A task list item's checkbox, still being typed.
const taskMarker = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]?\]?[ \t]*$/
// A link definition's label, before its destination makes it one.
const definitionLabel = /^ {0,3}\[(?:\\.|[^\]\\])*\]:[ \t]*$/
const openingFence = /^[ \t>]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)*(?:`{3,}|~{3,})/
const halfTag = /^[ \t>]*<\/?[A-Za-z!?][^<>]*$/
const tableRow = /^[ \t]{0,3}\|/
const delimiterStart = /^[ \t]{0,3}\|?[ \t]*:?-[-:| \t]*$/
const delimiterCell = /^[ \t]*:?-+:?[ \t]*$/

function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
  return inner.split(/(?<!\\)\|/)
}

/** A header row and the start of its delimiter row, completed to a full delimiter row. */
function completeDelimiter(header: string, partial: string): string {
  const typed = cells(partial)
  const row = cells(header).map((_, index) => {
    const cell = typed[index]
    return cell !== undefined && index < typed.length - 1 && delimiterCell.test(cell)
      ? cell.trim()
      : '---'
  })
  return `| ${row.join(' | ')} |`
}

/** The line of `text` that ends just before `end` (exclusive), and where it starts. */
function lineBefore(text: string, end: number): { start: number; line: string } {
  if (end <= 0) return { start: -1, line: '' }
  const start = text.lastIndexOf('\n', end - 2) + 1
  return { start, line: text.slice(start, end - 1) }
}

/** The text with its unfinished last line held back (see above). */
export function repairSource(text: string): string {
  const lineStart = text.lastIndexOf('\n') + 1
  const line = text.slice(lineStart)
  const previous = lineBefore(text, lineStart)
  const headerCandidate =
    tableRow.test(previous.line) && !tableRow.test(lineBefore(text, previous.start).line)
  if (!line) {
    // A first pipe line is a paragraph until a delimiter row follows it: it waits for the next line.
    return headerCandidate ? text.slice(0, previous.start) : text
  }
  if (tableRow.test(line)) {
    if (!tableRow.test(previous.line)) return text.slice(0, lineStart)
    if (!headerCandidate) return text
    // A second pipe line under a first: the delimiter row that makes the first a header.
    return delimiterStart.test(line)
      ? text.slice(0, lineStart) + completeDelimiter(previous.line, line)
      : text.slice(0, previous.start)
  }
  if (
    [markersOnly, taskMarker, definitionLabel, openingFence, halfTag].some((pattern) =>
      pattern.test(line),
    )
  ) {
    return text.slice(0, lineStart)
  }
  return text
}
