import { describe, expect, it } from 'vitest'
import { formatDuration } from './format-duration'

describe('formatDuration', () => {
  it('shows milliseconds under one second', () => {
    expect([0, 12, 850, 999.4].map(formatDuration)).toEqual(['0 ms', '12 ms', '850 ms', '999 ms'])
  })

  it('shows tenths of seconds under one minute', () => {
    expect([999.6, 1000, 3241, 12_049, 59_940].map(formatDuration)).toEqual([
      '1.0 s',
      '1.0 s',
      '3.2 s',
      '12.0 s',
      '59.9 s',
    ])
  })

  it('shows minutes and seconds from one minute on', () => {
    expect([59_960, 60_000, 65_000, 65_400, 3_600_000].map(formatDuration)).toEqual([
      '1 min',
      '1 min',
      '1 min 5 s',
      '1 min 5 s',
      '60 min',
    ])
  })
})
