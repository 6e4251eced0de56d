import { AgentRunError } from './errors'
import type {
  JsonObject,
  JsonValue,
  RunDiagnostic,
  RunEvent,
  RunFailedEvent,
  RunResult,
  RunResultToolCall,
} from './types'

/** Diagnostics keep at most this much of a bad payload: enough to debug, bounded in memory. */
export const DIAGNOSTIC_DATA_LIMIT = 4096

export type ParsedEvent = { event: RunEvent } | { diagnostic: RunDiagnostic }

/** Reads one SSE `data:` payload: a validated camelCase event, or why it was skipped. */
export function parseRunEvent(data: string): ParsedEvent {
  let raw: unknown
  try {
    raw = JSON.parse(data)
  } catch {
    return malformed('data is not valid JSON', data)
  }
  if (!isJsonObject(raw)) return malformed('event must be a JSON object', data)
  try {
    return { event: toRunEvent(raw) }
  } catch (error) {
    return malformed((error as Error).message, data)
  }
}

/** Validates the `stream: false` response; throws `AgentRunError` (`protocol` or `run_failed`). */
export function parseRunResult(value: unknown): RunResult {
  if (!isJsonObject(value)) throw new AgentRunError('protocol', 'The result is not a JSON object')
  const read = fieldReader(value, 'result')
  try {
    const status = read.string('status')
    if (status !== 'completed') {
      const { message, code } = errorFields(value)
      throw new AgentRunError('run_failed', message ?? `The run ended with status "${status}"`, {
        code,
      })
    }
    const toolCalls = Object.hasOwn(value, 'tool_calls') ? read.array('tool_calls') : []
    return {
      runId: read.string('run_id'),
      taskId: read.string('task_id'),
      status,
      output: read.string('output'),
      creditsUsed: read.number('credits_used'),
      durationMs: read.number('duration_ms'),
      toolCalls: toolCalls.map(toToolCall),
    }
  } catch (error) {
    if (error instanceof AgentRunError) throw error
    throw new AgentRunError('protocol', (error as Error).message, { cause: error })
  }
}

/** The human message and machine code of an error body or event, in its common shapes. */
export function errorFields(raw: JsonObject): { message?: string; code?: string } {
  const nested = isJsonObject(raw.error) ? raw.error : undefined
  const message = [raw.message, raw.error, nested?.message].find(isNonEmptyString)
  const code = [raw.code, nested?.code].find(isNonEmptyString)
  return { message, code }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toRunEvent(raw: JsonObject): RunEvent {
  const { type } = raw
  if (typeof type !== 'string') throw new TypeError('event.type must be a string')
  const read = fieldReader(raw, type)
  switch (type) {
    case 'run_started':
      return { type, runId: read.string('run_id'), taskId: read.string('task_id') }
    case 'text_chunk':
      return { type, content: read.string('content') }
    case 'tool_call':
      return {
        type,
        tool: read.string('tool'),
        action: read.string('action'),
        params: read.json('params'),
      }
    case 'tool_result':
      return { type, tool: read.string('tool'), result: read.json('result') }
    case 'run_completed':
      return {
        type,
        runId: read.string('run_id'),
        creditsUsed: read.number('credits_used'),
        durationMs: read.number('duration_ms'),
      }
    case 'error':
    case 'run_failed':
    case 'run_error':
      return toFailedEvent(type, raw)
  }
  return { type: 'unknown', raw }
}

function toFailedEvent(wireType: RunFailedEvent['wireType'], raw: JsonObject): RunFailedEvent {
  const { message = 'The run failed', code } = errorFields(raw)
  return { type: 'run_failed', wireType, message, code, raw }
}

function toToolCall(value: JsonValue, index: number): RunResultToolCall {
  if (!isJsonObject(value)) throw new TypeError(`result.tool_calls[${index}] must be an object`)
  const read = fieldReader(value, `result.tool_calls[${index}]`)
  const call: RunResultToolCall = {
    tool: read.string('tool'),
    action: read.string('action'),
    params: read.json('params'),
  }
  if (Object.hasOwn(value, 'result_summary')) call.resultSummary = read.string('result_summary')
  return call
}

/** Typed reads of own fields (never inherited ones such as `constructor`), naming the culprit. */
function fieldReader(raw: JsonObject, context: string) {
  const read = <T>(key: string, what: string, accept: (value: unknown) => boolean): T => {
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined
    if (!accept(value)) throw new TypeError(`${context}.${key} must be ${what}`)
    return value as T
  }
  return {
    string: (key: string) => read<string>(key, 'a string', (value) => typeof value === 'string'),
    number: (key: string) => read<number>(key, 'a finite number', Number.isFinite),
    array: (key: string) => read<JsonValue[]>(key, 'an array', Array.isArray),
    json: (key: string) => read<JsonValue>(key, 'present', (value) => value !== undefined),
  }
}

function malformed(message: string, data: string): ParsedEvent {
  return {
    diagnostic: { kind: 'malformed_event', message, data: data.slice(0, DIAGNOSTIC_DATA_LIMIT) },
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}
