import { describe, expect, it } from 'vitest'
import { repairInline } from './repair-inline'
import { repairSource } from './repair-source'

describe('repairInline', () => {
  it.each([
    ['**bold', '**bold**'],
    ['**bold *and em', '**bold *and em***'],
    ['~~gone', '~~gone~~'],
    ['a `code', 'a `code`'],
    ['``code with ` tick', '``code with ` tick``'],
    ['`code` then **', '`code` then'],
    ['**strong** and *', '**strong** and'],
    ['**bold*', '**bold**'],
    ['snake_case_', 'snake_case'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['[text](https://exa', 'text'],
    ['[one (with) parens](https://x.org/a_(b', 'one (with) parens'],
    ['[label', 'label'],
    ['[label]', 'label'],
    ['[**bold label', '**bold label**'],
    ['see ![alt](https://x', 'see'],
    ['see ![al', 'see'],
    ['a <di', 'a'],
    ['AT&am', 'AT'],
    ['a \\', 'a'],
    ['`**not closed here', '`**not closed here`'],
    ['done [link](https://x.org) and **b**', 'done [link](https://x.org) and **b**'],
  ])('%j becomes %j', (input, expected) => {
    expect(repairInline(input)).toEqual(expected)
  })

  it('stays linear on thousands of backticks and brackets', () => {
    const text = '` [ *'.repeat(50_000)
    const started = performance.now()
    repairInline(text)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('repairSource', () => {
  it.each([
    ['Title\n-', 'Title\n'],
    ['Title\n=', 'Title\n'],
    ['para\n\n- ', 'para\n\n'],
    ['para\n\n1.', 'para\n\n'],
    ['- [x', ''],
    ['```py', ''],
    ['```\ncode\n``', '```\ncode\n'],
    ['<di', ''],
    ['[ref]:', ''],
    ['| a | b |', ''],
    ['| a | b |\n', ''],
    ['| a | b |\n|', ''],
    ['| a | b |\n|--', '| a | b |\n| --- | --- |'],
    ['| a | b |\n| :-- | -', '| a | b |\n| :-- | --- |'],
    ['| a | b |\n|---|---|\n| 1 |', '| a | b |\n|---|---|\n| 1 |'],
    ['Plain text', 'Plain text'],
  ])('%j becomes %j', (input, expected) => {
    expect(repairSource(input)).toEqual(expected)
  })
})
