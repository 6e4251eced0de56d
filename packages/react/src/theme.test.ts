import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

/**
 * Non-text contrast (WCAG 1.4.11): focus rings and control outlines need 3:1 against what they
 * sit on, in both themes. Read from the stylesheet itself, so a retuned token is checked too.
 */
const css = readFileSync(join(__dirname, 'theme.css'), 'utf8')

function token(name: string): { light: string; dark: string } {
  const match = new RegExp(
    `--auteryn-${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`,
    'i',
  ).exec(css)
  if (!match) throw new Error(`--auteryn-${name} is not a light-dark() pair of hex colours`)
  return { light: match[1]!, dark: match[2]! }
}

function luminance(hex: string) {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255)
  const [red, green, blue] = channels.map((value) =>
    value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  )
  return 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!
}

function contrast(first: string, second: string) {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a)
  return (lighter! + 0.05) / (darker! + 0.05)
}

describe('theme tokens', () => {
  test('contrast is computed as WCAG defines it', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  describe.each(['light', 'dark'] as const)('%s', (theme) => {
    test.each([
      ['focus', 'bg'],
      ['focus', 'surface'],
      ['focus', 'surface-muted'],
      ['border-strong', 'bg'],
      ['border-strong', 'surface'],
      ['accent', 'bg'],
    ])('--auteryn-%s on --auteryn-%s is at least 3:1', (foreground, background) => {
      expect(contrast(token(foreground)[theme], token(background)[theme])).toBeGreaterThanOrEqual(3)
    })
  })
})
