import type { ReactNode } from 'react'
import type { AssistantMessage, ToolPart } from '@auteryn/client'

export interface ToolRendererProps {
  part: ToolPart
  message: AssistantMessage
}

/** A custom view for some tool's calls; rendered as a component, so it may use hooks. */
export type ToolRenderer = (props: ToolRendererProps) => ReactNode

/** Keys: `tool.action` (e.g. `github.list_issues`), then `tool`, then `*` for every tool. */
export type ToolRenderers = Readonly<Record<string, ToolRenderer>>

/**
 * The renderer for a tool part: `tool.action`, then `tool`, then `*`. Own keys only, so a tool
 * named `constructor` or `__proto__` never picks up something from Object.prototype.
 */
export function findToolRenderer(
  renderers: ToolRenderers | undefined,
  part: Pick<ToolPart, 'tool' | 'action'>,
): ToolRenderer | undefined {
  if (!renderers) return undefined
  const keys = part.action ? [`${part.tool}.${part.action}`, part.tool, '*'] : [part.tool, '*']
  for (const key of keys) {
    const renderer = Object.hasOwn(renderers, key) ? renderers[key] : undefined
    if (typeof renderer === 'function') return renderer
  }
  return undefined
}
