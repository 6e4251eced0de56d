import { useEffect, useState } from 'react'
import type { CodeHighlighter } from '@auteryn/react'

/**
 * The highlighter, fetched after the page is up so it costs the first paint nothing. Until it
 * arrives code shows plain; then closed code blocks re-render highlighted, once.
 */
export function useCodeHighlighter(): CodeHighlighter | undefined {
  const [highlighter, setHighlighter] = useState<CodeHighlighter>()
  useEffect(() => {
    let mounted = true
    void import('./code-highlighter').then((module) => {
      if (mounted) setHighlighter(() => module.highlightCode)
    })
    return () => {
      mounted = false
    }
  }, [])
  return highlighter
}
