/**
 * Repairs the inline text of the one block that is still being written, so that its half-typed
 * syntax never shows: an open `**`, `_`, `~~` or code span is closed at the cursor, a link whose
 * URL is still arriving shows as its text, a half-typed image shows nothing, a half-typed HTML
 * tag, entity or escape is hidden until it is complete. Text inside code spans is never changed.
 * Every pass is linear in the text: this runs on every frame of a streamed answer.
 */

const isWhitespace = (character: string | undefined) =>
  character === undefined || /\s/.test(character)
const isPunctuation = (character: string | undefined) =>
  character !== undefined && /[\p{P}\p{S}]/u.test(character)

/**
 * Closed code spans masked to `x` (so brackets and stars inside them are ignored), and where an
 * open code span starts, if one does. Backtick runs pair with the next run of the same length.
 */
function maskCode(text: string): { masked: string; openAt: number; openRun: number } {
  const runs: { start: number; length: number }[] = []
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '\\') {
      index += 1
    } else if (text[index] === '`') {
      const start = index
      while (text[index + 1] === '`') index += 1
      runs.push({ start, length: index - start + 1 })
    }
  }
  const nextSameLength = new Array<number>(runs.length).fill(-1)
  const seen = new Map<number, number>()
  for (let index = runs.length - 1; index >= 0; index -= 1) {
    const run = runs[index]!
    nextSameLength[index] = seen.get(run.length) ?? -1
    seen.set(run.length, index)
  }
  let masked = ''
  let copied = 0
  for (let index = 0; index < runs.length; index += 1) {
    const run = runs[index]!
    if (run.start < copied) continue
    const closer = nextSameLength[index]!
    if (closer < 0) {
      return { masked: masked + text.slice(copied), openAt: run.start, openRun: run.length }
    }
    const end = runs[closer]!.start + run.length
    masked += text.slice(copied, run.start) + 'x'.repeat(end - run.start)
    copied = end
  }
  return { masked: masked + text.slice(copied), openAt: -1, openRun: 0 }
}

/** The end of a `(destination)` starting at `open`, or -1 when it is still open. */
function closingParenthesis(text: string, open: number): number {
  let depth = 0
  for (let index = open; index < text.length; index += 1) {
    const character = text[index]
    if (character === '\\') index += 1
    else if (character === '(') depth += 1
    else if (character === ')' && --depth === 0) return index
  }
  return -1
}

/** Links and images still being written become their text, or nothing for an image. */
function repairLinks(text: string, masked: string): string {
  const opens: number[] = []
  for (let index = 0; index < masked.length; index += 1) {
    const character = masked[index]
    if (character === '\\') {
      index += 1
    } else if (character === '[') {
      opens.push(index)
    } else if (character === ']' && opens.length > 0) {
      const open = opens.pop()!
      const image = masked[open - 1] === '!'
      const next = masked[index + 1]
      const unfinished =
        index + 1 === masked.length ||
        (next === '(' && closingParenthesis(masked, index + 1) < 0) ||
        (next === '[' && masked.indexOf(']', index + 2) < 0)
      if (unfinished) {
        if (image) return text.slice(0, open - 1)
        return text.slice(0, open) + text.slice(open + 1, index)
      }
      if (next === '(') index = closingParenthesis(masked, index + 1)
      else if (next === '[') index = masked.indexOf(']', index + 2)
    }
  }
  // Brackets still open: an image shows nothing yet, a link label shows without its `[`.
  const firstImage = opens.find((open) => masked[open - 1] === '!')
  const cut = firstImage === undefined ? text : text.slice(0, firstImage - 1)
  let result = ''
  let copied = 0
  for (const open of opens) {
    if (open >= cut.length) break
    result += cut.slice(copied, open)
    copied = open + 1
  }
  return result + cut.slice(copied)
}

// Whatever could still turn into something else once its next characters arrive.
const unfinishedEnd = [
  /<\/?(?:[A-Za-z!?][^<>\n]{0,200})?$/, // an HTML tag or an autolink in angle brackets
  /&#?[A-Za-z0-9]{0,31}$/, // an entity
  /(?<!\\)(?:\\\\)*\\$/, // an escape
  /!$/, // an image's `!`
]

export interface Delimiter {
  character: string
  length: number
  end: number
}

/** The emphasis, strong and strikethrough openers nothing has closed yet, innermost last. */
export function openDelimiters(masked: string): Delimiter[] {
  const stack: Delimiter[] = []
  // Openers on the stack by character: a closer with none to match costs nothing, so the whole
  // pass stays linear however openers and closers interleave.
  const counts: Record<string, number> = { '*': 0, _: 0, '~': 0 }
  for (let index = 0; index < masked.length; index += 1) {
    const character = masked[index]!
    if (character === '\\') {
      index += 1
      continue
    }
    if (character !== '*' && character !== '_' && character !== '~') continue
    const start = index
    while (masked[index + 1] === character) index += 1
    let length = index - start + 1
    const before = masked[start - 1]
    const after = masked[index + 1]
    const leftFlanking =
      !isWhitespace(after) &&
      (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
    const rightFlanking =
      !isWhitespace(before) &&
      (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))
    // An underscore inside a word (snake_case) neither opens nor closes.
    const canOpen = leftFlanking && (character !== '_' || !rightFlanking || isPunctuation(before))
    const canClose = rightFlanking && (character !== '_' || !leftFlanking || isPunctuation(after))
    if (canClose) {
      for (let top = stack.length - 1; top >= 0 && length > 0 && counts[character]! > 0; top -= 1) {
        const opener = stack[top]!
        if (opener.character !== character) continue
        const used = Math.min(opener.length, length)
        opener.length -= used
        length -= used
        // Openers inside the closed span that never closed stay literal text.
        const keep = opener.length > 0 ? top + 1 : top
        for (const removed of stack.slice(keep)) counts[removed.character]! -= 1
        stack.length = keep
      }
    }
    const longest = character === '~' ? 2 : 3
    if (canOpen && length > 0 && length <= longest) {
      stack.push({ character, length, end: index + 1 })
      counts[character]! += 1
    }
  }
  return stack
}

/** The text of the block being written, with its unfinished syntax hidden or closed. */
export function repairInline(text: string): string {
  const code = maskCode(text)
  let prose = code.openAt < 0 ? text : text.slice(0, code.openAt)
  let masked = code.openAt < 0 ? code.masked : code.masked.slice(0, code.openAt)
  let codeTail = ''
  if (code.openAt >= 0) {
    // A backtick run shorter than the opener may be the start of the closer: not shown yet.
    const content = text.slice(code.openAt + code.openRun).replace(/`+$/, '')
    if (content.trim()) codeTail = text.slice(code.openAt, code.openAt + code.openRun) + content
  }
  if (!codeTail) {
    for (const pattern of unfinishedEnd) {
      const found = pattern.exec(masked)
      if (found) {
        prose = prose.slice(0, found.index)
        masked = masked.slice(0, found.index)
      }
    }
  }
  prose = repairLinks(prose, masked)
  masked = maskCode(prose).masked
  if (!codeTail) {
    // A closer must follow text, and a trailing run may be half a closer: both wait.
    const trimmed = masked.replace(/[*_~\s]+$/, '')
    prose = prose.slice(0, trimmed.length)
    masked = trimmed
  }
  const open = openDelimiters(masked)
  // An opener with nothing after it yet shows nothing.
  while (!codeTail && open.length > 0 && open.at(-1)!.end >= masked.length) {
    const opener = open.pop()!
    prose = prose.slice(0, opener.end - opener.length)
    masked = masked.slice(0, prose.length).replace(/\s+$/, '')
    prose = prose.slice(0, masked.length)
  }
  const closers = open
    .reverse()
    .map((opener) => opener.character.repeat(opener.length))
    .join('')
  const codeCloser = codeTail ? '`'.repeat(code.openRun) : ''
  return prose + codeTail + codeCloser + closers
}
