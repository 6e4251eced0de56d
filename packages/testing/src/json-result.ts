import { isFailureEventType, type WireRunFailed } from '@auteryn/client/wire'
import type { Step } from './scenarios'

function summarize(result: unknown): string {
  if (result !== null && typeof result === 'object') {
    const record = result as Record<string, unknown>
    const error = record.error as { message?: unknown } | undefined
    if (error !== undefined) return `Error: ${String(error.message ?? 'tool failed')}`
    if (typeof record.count === 'number') return `Found ${record.count} items`
    for (const value of Object.values(record)) {
      if (Array.isArray(value)) return `Found ${value.length} items`
    }
  }
  return JSON.stringify(result).slice(0, 80)
}

/**
 * The `stream: false` body for the same script a streaming run plays: the documented JSON shape,
 * `status: 'completed'` only when the run completed.
 */
export function jsonResult(steps: readonly Step[]): Record<string, unknown> {
  const events = steps.flatMap((step) => ('event' in step ? [step.event] : []))
  const started = events.find((event) => event.type === 'run_started')
  const completed = events.find((event) => event.type === 'run_completed')
  const failed = events.find((event): event is WireRunFailed => isFailureEventType(event.type))
  const toolCalls: Record<string, unknown>[] = []
  for (const event of events) {
    if (event.type === 'tool_call') {
      toolCalls.push({ tool: event.tool, action: event.action, params: event.params })
    } else if (event.type === 'tool_result') {
      // Results carry no id: the oldest open call of the same tool gets the summary.
      const open = toolCalls.find((entry) => entry.tool === event.tool && !entry.result_summary)
      if (open) open.result_summary = summarize(event.result)
    }
  }
  const output = events
    .filter((event) => event.type === 'text_chunk')
    .map((event) => event.content)
    .join('')
  return {
    run_id: started?.run_id,
    task_id: started?.task_id,
    status: completed ? 'completed' : failed ? 'failed' : 'incomplete',
    output,
    credits_used: completed?.credits_used ?? 0,
    duration_ms: completed?.duration_ms ?? 0,
    tool_calls: toolCalls,
    ...(failed ? { error: { code: failed.code, message: failed.message } } : {}),
  }
}
