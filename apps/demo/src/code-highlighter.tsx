/**
 * The demo's syntax highlighter, loaded lazily (see use-code-highlighter.ts): a few rules that
 * cover the languages the mock agent writes. An app would plug Prism or Shiki in the same way;
 * whichever it is, it returns React nodes, never an HTML string.
 */
import type { ReactNode } from 'react'
import './code-highlighter.css'

type Rule = [kind: string, pattern: RegExp]

const hashComments = new Set(['py', 'python', 'sh', 'bash', 'shell', 'yaml', 'yml', 'toml'])

function rulesFor(language: string): Rule[] {
  return [
    ['comment', hashComments.has(language) ? /#[^\n]*/y : /\/\/[^\n]*|\/\*[\s\S]*?\*\//y],
    ['string', /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/y],
    ['number', /\b\d+(?:\.\d+)?\b/y],
    [
      'keyword',
      /\b(?:const|let|var|function|return|if|else|for|while|import|export|from|async|await|new|class|def|type|interface|true|false|null|undefined|None|True|False)\b/y,
    ],
  ]
}

/** Code as React nodes: each token a span with a `token-*` class. */
export function highlightCode(code: string, language: string): ReactNode {
  const rules = rulesFor(language.toLowerCase())
  const nodes: ReactNode[] = []
  let plainStart = 0
  let index = 0
  while (index < code.length) {
    let matched = false
    for (const [kind, pattern] of rules) {
      pattern.lastIndex = index
      const found = pattern.exec(code)?.[0]
      if (!found) continue
      if (plainStart < index) nodes.push(code.slice(plainStart, index))
      nodes.push(
        <span key={index} className={`token-${kind}`}>
          {found}
        </span>,
      )
      index += found.length
      plainStart = index
      matched = true
      break
    }
    if (!matched) index += 1
  }
  if (plainStart < code.length) nodes.push(code.slice(plainStart))
  return nodes
}
