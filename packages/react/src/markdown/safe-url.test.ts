import { describe, expect, it } from 'vitest'
import { safeImageSrc, safeLinkHref } from './safe-url'

describe('safeLinkHref', () => {
  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    ['HTTPS://EXAMPLE.COM/Path', 'https://example.com/Path'],
  ])('keeps %s', (input, expected) => {
    expect(safeLinkHref(input)).toEqual(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    '//evil.example/protocol-relative',
    'relative',
    '#fragment',
    'http://',
    '\\\\evil.example/backslashes',
    '/\\evil.example',
  ])('refuses %j', (input) => {
    expect(safeLinkHref(input)).toBeUndefined()
  })
})

describe('safeImageSrc', () => {
  it('loads nothing without an allowlist', () => {
    expect(safeImageSrc('https://tracker.example/pixel.gif', undefined)).toBeUndefined()
  })

  it('matches origins and hosts, and only http(s)', () => {
    const allowlist = ['https://cdn.example.com', 'images.example.org']
    expect(safeImageSrc('https://cdn.example.com/a.png', allowlist)).toEqual(
      'https://cdn.example.com/a.png',
    )
    expect(safeImageSrc('http://cdn.example.com/a.png', allowlist)).toBeUndefined()
    expect(safeImageSrc('http://images.example.org/b.png', allowlist)).toEqual(
      'http://images.example.org/b.png',
    )
    expect(safeImageSrc('https://evil.example/c.png', allowlist)).toBeUndefined()
    expect(safeImageSrc('data:image/png;base64,AAAA', () => true)).toBeUndefined()
    expect(safeImageSrc('javascript:alert(1)', () => true)).toBeUndefined()
  })

  it('accepts a predicate', () => {
    const allowlist = (url: URL) => url.hostname.endsWith('.example.com')
    expect(safeImageSrc('https://a.example.com/x.png', allowlist)).toEqual(
      'https://a.example.com/x.png',
    )
    expect(safeImageSrc('https://example.net/x.png', allowlist)).toBeUndefined()
  })
})
