import { describe, expect, it } from 'vitest'
import { findToolRenderer, type ToolRenderer } from './tool-renderers'

const named = (name: string): ToolRenderer => Object.assign(() => name, { displayName: name })

describe('findToolRenderer', () => {
  const renderers = {
    'github.list_issues': named('action'),
    github: named('tool'),
    '*': named('any'),
  }
  const pick = (tool: string, action?: string, from: Record<string, ToolRenderer> = renderers) =>
    (findToolRenderer(from, { tool, action }) as { displayName?: string } | undefined)?.displayName

  it('prefers tool.action, then tool, then *', () => {
    expect(pick('github', 'list_issues')).toEqual('action')
    expect(pick('github', 'create_issue')).toEqual('tool')
    expect(pick('github')).toEqual('tool')
    expect(pick('slack', 'post')).toEqual('any')
  })

  it('finds nothing when no key matches, so the default card renders', () => {
    expect(pick('slack', 'post', { github: named('tool') })).toBeUndefined()
    expect(findToolRenderer(undefined, { tool: 'github' })).toBeUndefined()
  })

  it('never takes a renderer from Object.prototype', () => {
    for (const tool of ['constructor', 'hasOwnProperty', 'toString', '__proto__']) {
      expect(findToolRenderer({}, { tool, action: 'valueOf' })).toBeUndefined()
    }
  })
})
