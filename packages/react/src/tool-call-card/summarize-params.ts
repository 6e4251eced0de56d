import type { JsonValue } from '@auteryn/client'

/** Longest summary shown in a card's header; CSS trims it further to the room there is. */
const summaryLimit = 80

/**
 * A one-line hint of what a call asked for, so that three calls of one tool can be told apart:
 * the first non-blank string among the parameters (top level, or the first items of an array),
 * else the first number or boolean. Whitespace runs become one space. `undefined` when there is
 * nothing to show.
 */
export function summarizeParams(params: JsonValue | undefined): string | undefined {
  const values =
    params !== null && typeof params === 'object'
      ? Array.isArray(params)
        ? params
        : Object.values(params)
      : [params]
  const text = values.find((value) => typeof value === 'string' && value.trim() !== '')
  const primitive =
    text ?? values.find((value) => typeof value === 'number' || typeof value === 'boolean')
  if (primitive === undefined || primitive === null || typeof primitive === 'object')
    return undefined
  const line = String(primitive).replace(/\s+/g, ' ').trim()
  return line.length > summaryLimit ? `${line.slice(0, summaryLimit - 1)}…` : line
}

/**
 * A readable name for a call: `github.list_issues` becomes "Github: list issues". Pass it as
 * `labels.toolName` to show these instead of the raw names.
 */
export function humanizeToolName(tool: string, action?: string): string {
  const words = (name: string) =>
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[._-]+/g, ' ')
      .trim()
      .toLowerCase()
  const toolWords = words(tool)
  const named = toolWords.charAt(0).toUpperCase() + toolWords.slice(1)
  return action ? `${named}: ${words(action)}` : named
}
