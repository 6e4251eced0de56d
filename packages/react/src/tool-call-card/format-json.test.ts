import { describe, expect, it } from 'vitest'
import { expandedLimits, formatJson, jsonForClipboard, previewLimits } from './format-json'

describe('formatJson', () => {
  it('prints like JSON.stringify with two-space indentation when within limits', () => {
    const value = { state: 'open', labels: ['P1', 'bug'], count: 3, closed: null, nested: {} }
    expect(formatJson(value, previewLimits)).toEqual({
      text: JSON.stringify(value, null, 2),
      truncated: false,
    })
  })

  it('treats __proto__ and constructor as ordinary keys', () => {
    const value: unknown = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}')
    expect(formatJson(value, previewLimits).text).toEqual(
      '{\n  "__proto__": {\n    "polluted": true\n  },\n  "constructor": 1\n}',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('summarises nesting beyond the depth limit instead of overflowing the stack', () => {
    let deep: unknown = 'bottom'
    for (let level = 0; level < 100_000; level += 1) deep = [deep]
    const preview = formatJson(deep, previewLimits)
    expect(preview.truncated).toEqual(true)
    expect(preview.text).toContain('[…]')
    expect(() => jsonForClipboard(deep)).not.toThrow()
  })

  it('stops walking at the size limit', () => {
    const huge = Array.from({ length: 200_000 }, (_, index) => ({ index, name: `item ${index}` }))
    const preview = formatJson(huge, previewLimits)
    expect(preview.truncated).toEqual(true)
    expect(preview.text.length).toEqual(previewLimits.maxLength)
    let reads = 0
    const counted = new Proxy(huge, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1
        return Reflect.get(target, key, receiver)
      },
    })
    formatJson(counted, previewLimits)
    expect(reads).toBeLessThan(200)
    const longString = 'x'.repeat(10_000_000)
    expect(formatJson(longString, expandedLimits).text.length).toEqual(expandedLimits.maxLength)
  })

  it('prints a cycle as [Circular] rather than looping', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    expect(formatJson(cyclic, previewLimits).text).toEqual(
      '{\n  "name": "loop",\n  "self": "[Circular]"\n}',
    )
    expect(jsonForClipboard(cyclic)).toContain('[Circular]')
  })
})
