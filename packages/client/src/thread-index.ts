import type { Conversation } from './types'
import { isJsonObject } from './validate'

/** What the thread list knows of one conversation without loading it. */
export interface ThreadSummary {
  id: string
  /** The first question, trimmed, unless the app or the user named the thread. */
  title: string
  /** `true` once the thread was named explicitly: its first question then no longer names it. */
  named?: boolean
  /** Milliseconds since the epoch. */
  createdAt: number
  /** Milliseconds since the epoch of the last question or answer. */
  updatedAt: number
  messageCount: number
}

/** The persisted index: every thread's summary, most recently updated first. */
export interface ThreadIndex {
  threads: ThreadSummary[]
  activeId?: string
}

/** Titles are for a list row: one line, and a stored value can never hold a huge one. */
export const TITLE_LIMIT = 120

/** A title from a question: whitespace collapsed, trimmed, cut at a word near the limit. */
export function titleFromQuery(query: string, limit = 60): string {
  const line = query.replace(/\s+/g, ' ').trim()
  if (line.length <= limit) return line
  const cut = line.slice(0, limit)
  const space = cut.lastIndexOf(' ')
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The summary fields a conversation decides: its title (until named), count and update time. */
export function summarize(
  summary: ThreadSummary,
  conversation: Conversation,
  now: number,
): ThreadSummary {
  const count = conversation.messages.length
  const question = conversation.messages.find((message) => message.role === 'user')
  const title = summary.named || !question ? summary.title : titleFromQuery(question.text)
  if (count === summary.messageCount && title === summary.title) return summary
  return { ...summary, title, messageCount: count, updatedAt: now }
}

/** Threads whose title holds every word of the query, in any case; all of them for a blank one. */
export function filterThreads(threads: readonly ThreadSummary[], query: string): ThreadSummary[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return threads.slice()
  return threads.filter((thread) => {
    const title = thread.title.toLocaleLowerCase()
    return words.every((word) => title.includes(word))
  })
}

/**
 * Reads a stored index. A bad entry is dropped on its own (the others stay listed); a duplicate
 * id keeps its first entry; an active id that names no thread is forgotten. Whatever passes
 * here renders.
 */
export function parseThreadIndex(value: unknown): ThreadIndex | undefined {
  if (!isJsonObject(value) || !Array.isArray(value.threads)) return undefined
  const seen = new Set<string>()
  const threads: ThreadSummary[] = []
  for (const entry of value.threads) {
    const thread = parseSummary(entry)
    if (!thread || seen.has(thread.id)) continue
    seen.add(thread.id)
    threads.push(thread)
  }
  threads.sort((first, second) => second.updatedAt - first.updatedAt)
  const activeId = typeof value.activeId === 'string' && seen.has(value.activeId)
  return activeId ? { threads, activeId: value.activeId as string } : { threads }
}

function parseSummary(value: unknown): ThreadSummary | undefined {
  if (!isJsonObject(value)) return undefined
  const { id, title, named, createdAt, updatedAt, messageCount } = value
  if (typeof id !== 'string' || id === '' || id.length > 200) return undefined
  if (typeof title !== 'string') return undefined
  if (!isTime(createdAt) || !isTime(updatedAt)) return undefined
  if (typeof messageCount !== 'number' || !Number.isSafeInteger(messageCount) || messageCount < 0)
    return undefined
  const summary: ThreadSummary = {
    id,
    title: title.slice(0, TITLE_LIMIT),
    createdAt,
    updatedAt,
    messageCount,
  }
  if (named === true) summary.named = true
  return summary
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}
