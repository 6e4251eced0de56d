export interface FormatJsonLimits {
  /** Nesting shown before a value is summarised as `{…}` or `[…]`. */
  maxDepth: number
  /** Characters of output before it is cut. */
  maxLength: number
}

export interface FormattedJson {
  text: string
  /** True when a limit cut something, so a "Show more" is worth offering. */
  truncated: boolean
}

/** The card's first look: small enough to render instantly inside a streaming thread. */
export const previewLimits: FormatJsonLimits = { maxDepth: 6, maxLength: 4 * 1024 }
/** After "Show more": generous, but still bounded so a hostile value cannot freeze the tab. */
export const expandedLimits: FormatJsonLimits = { maxDepth: 64, maxLength: 256 * 1024 }

/**
 * Pretty-prints a tool's JSON like `JSON.stringify(value, null, 2)`, but bounded: the walk stops
 * at the size limit (a million-item array costs as much as a small one), nesting beyond the
 * depth limit is summarised (no stack overflow), and a value seen on its own path prints as
 * `[Circular]` (impossible from JSON, guarded anyway). Only own keys are read, so `__proto__`
 * is an ordinary key here.
 */
export function formatJson(value: unknown, limits: FormatJsonLimits): FormattedJson {
  const output: string[] = []
  let length = 0
  let truncated = false
  const path = new Set<object>()

  const write = (text: string) => {
    const room = limits.maxLength - length
    if (text.length <= room) {
      output.push(text)
      length += text.length
      return
    }
    output.push(text.slice(0, room))
    length = limits.maxLength
    truncated = true
  }

  const visit = (current: unknown, depth: number, indent: string): void => {
    if (truncated) return
    if (typeof current === 'string') {
      // Cut before quoting, so a 50 MB string is never copied whole.
      const room = limits.maxLength - length
      write(JSON.stringify(current.length > room ? current.slice(0, room + 1) : current))
      return
    }
    if (current === null || typeof current !== 'object') {
      write(current === undefined ? 'null' : String(current))
      return
    }
    if (path.has(current)) {
      write('"[Circular]"')
      return
    }
    const isArray = Array.isArray(current)
    const keys = isArray ? [] : Object.keys(current)
    const count = isArray ? current.length : keys.length
    const [open, close] = isArray ? ['[', ']'] : ['{', '}']
    if (count === 0) return write(open + close)
    if (depth >= limits.maxDepth) {
      truncated = true
      // The devtools idiom: language-neutral, and Show more reveals the rest.
      return write(`${open}…${close}`)
    }
    path.add(current)
    const inner = `${indent}  `
    write(open)
    for (let index = 0; index < count && !truncated; index += 1) {
      write(index === 0 ? `\n${inner}` : `,\n${inner}`)
      if (isArray) {
        visit(current[index], depth + 1, inner)
      } else {
        const key = keys[index] ?? ''
        write(`${JSON.stringify(key)}: `)
        visit((current as Record<string, unknown>)[key], depth + 1, inner)
      }
    }
    write(`\n${indent}${close}`)
    path.delete(current)
  }

  visit(value, 0, '')
  return { text: output.join(''), truncated }
}

/** The full value for the clipboard; falls back to the bounded form when it cannot serialise. */
export function jsonForClipboard(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'null'
  } catch {
    return formatJson(value, expandedLimits).text
  }
}
