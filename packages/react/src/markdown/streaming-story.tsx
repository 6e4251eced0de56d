import { useEffect, useState } from 'react'
import { Markdown } from './markdown'

export interface SlowStreamProps {
  /** The whole answer; it arrives a few characters at a time. */
  text: string
  /** Characters per tick. Default: 3. */
  step?: number
  /** Milliseconds between ticks. Default: 40. */
  interval?: number
}

/** A story helper: an answer written out slowly, then finished, as a stream would write it. */
export function SlowStream({ text, step = 3, interval = 40 }: SlowStreamProps) {
  const [length, setLength] = useState(0)
  useEffect(() => {
    setLength(0)
    const timer = setInterval(() => {
      setLength((current) => {
        if (current >= text.length) clearInterval(timer)
        return Math.min(current + step, text.length)
      })
    }, interval)
    return () => clearInterval(timer)
  }, [text, step, interval])
  return <Markdown text={text.slice(0, length)} streaming={length < text.length} />
}
