import { describe, expect, it } from 'vitest'
import { humanizeToolName, summarizeParams } from './summarize-params'

describe('summarizeParams', () => {
  it('takes the first non-blank string parameter, on one line', () => {
    expect(summarizeParams({ limit: 5, query: '  WebGPU\n  news ', site: 'x' })).toBe('WebGPU news')
    expect(summarizeParams({ blank: '  ', query: 'vite' })).toBe('vite')
  })

  it('falls back to a number or boolean, and reads arrays and bare values', () => {
    expect(summarizeParams({ id: 42, open: true })).toBe('42')
    expect(summarizeParams(['a b', 'c'])).toBe('a b')
    expect(summarizeParams('just text')).toBe('just text')
  })

  it('shows nothing when there is no short value to show', () => {
    expect(summarizeParams(undefined)).toBeUndefined()
    expect(summarizeParams(null)).toBeUndefined()
    expect(summarizeParams({})).toBeUndefined()
    expect(summarizeParams({ filter: { label: 'P1' } })).toBeUndefined()
  })

  it('trims a long value to 80 characters with an ellipsis', () => {
    const summary = summarizeParams({ query: 'word '.repeat(40) })!
    expect(summary).toHaveLength(80)
    expect(summary.endsWith('…')).toBe(true)
  })
})

describe('humanizeToolName', () => {
  it('turns tool and action names into words', () => {
    expect(humanizeToolName('github', 'list_issues')).toBe('Github: list issues')
    expect(humanizeToolName('search', 'web')).toBe('Search: web')
    expect(humanizeToolName('calendarApi', 'findFreeSlot')).toBe('Calendar api: find free slot')
    expect(humanizeToolName('web-search')).toBe('Web search')
  })
})
