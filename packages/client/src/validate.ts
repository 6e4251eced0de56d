import { AgentRunError } from './errors'
import { isFailureEventType } from './wire'
import type {
  JsonObject,
  JsonValue,
  RunDiagnostic,
  RunEvent,
  RunResult,
  RunResultToolCall,
} from './types'

/** Diagnostics keep at most this much of a bad payload: enough to debug, bounded in memory. */
export const DIAGNOSTIC_DATA_LIMIT = 4096

/**
 * One `data:` payload, read: a validated event, why it was skipped, or the run's failure (an
 * `error`, `run_failed` or `run_error` event ends the run; no caller ever applies it as an event).
 */
export type ParsedEvent =
  { event: RunEvent } | { diagnostic: RunDiagnostic } | { failure: AgentRunError }

/** Reads one SSE `data:` payload: a validated camelCase event, why it was skipped, or a failure. */
export function parseRunEvent(data: string): ParsedEvent {
  return parseRunEvents([data])[0]!
}

/**
 * Reads the payloads of one network read, in order, as {@link parseRunEvent} would one by one,
 * but with one `JSON.parse` for all: per call, `JSON.parse` costs about a fifth of what parsing
 * a text chunk does. The payloads are joined with a newline, which JSON allows between values
 * but never inside a string, so no string runs on from one payload into the next. If the whole
 * fails, or holds another number of values (a payload of two values), each payload is read on
 * its own, and a malformed one gets its own diagnostic. Only payloads crafted to be malformed
 * in matching ways (one leaving a bracket open, another holding two values) could join into
 * valid events, and diagnostics then name the wrong payload: a server able to send those can
 * send any event anyway.
 */
export function parseRunEvents(payloads: readonly string[]): ParsedEvent[] {
  // Built inside the parse's try: a read too long for one string is read a payload at a time.
  const joined = parseJson(() => `[${payloads.join('\n,')}]`)
  const values = Array.isArray(joined) && joined.length === payloads.length ? joined : undefined
  return payloads.map((data, index) => {
    const raw = values ? values[index] : parseJson(() => data)
    if (raw === undefined) return malformed('data is not valid JSON', data)
    if (!isJsonObject(raw)) return malformed('event must be a JSON object', data)
    if (isFailureEventType(raw.type)) return { failure: failureOf(raw) }
    try {
      return { event: toRunEvent(raw) }
    } catch (error) {
      return malformed((error as Error).message, data)
    }
  })
}

/** The value of the JSON text `text()` builds, or undefined (which no JSON text is) when it fails. */
function parseJson(text: () => string): unknown {
  try {
    return JSON.parse(text())
  } catch {
    return undefined
  }
}

/** Validates the `stream: false` response; throws `AgentRunError` (`protocol` or `run_failed`). */
export function parseRunResult(value: unknown): RunResult {
  if (!isJsonObject(value)) throw new AgentRunError('protocol', 'The result is not a JSON object')
  const read = <K extends keyof Expected>(key: string, what: K) => field(value, 'result', key, what)
  try {
    const status = read('status', 'a string')
    if (status !== 'completed') {
      const { message, code } = errorFields(value)
      throw new AgentRunError('run_failed', message ?? `The run ended with status "${status}"`, {
        code,
      })
    }
    const toolCalls = Object.hasOwn(value, 'tool_calls') ? read('tool_calls', 'an array') : []
    return {
      runId: read('run_id', 'a string'),
      taskId: read('task_id', 'a string'),
      status,
      output: read('output', 'a string'),
      creditsUsed: read('credits_used', 'a finite number'),
      durationMs: read('duration_ms', 'a finite number'),
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
  // Plain calls with shared checks, not a reader object per event: this runs once per chunk.
  switch (type) {
    case 'text_chunk':
      return { type, content: field(raw, type, 'content', 'a string') }
    case 'run_started':
      return {
        type,
        runId: field(raw, type, 'run_id', 'a string'),
        taskId: field(raw, type, 'task_id', 'a string'),
      }
    case 'tool_call':
      return {
        type,
        tool: field(raw, type, 'tool', 'a string'),
        action: field(raw, type, 'action', 'a string'),
        params: field(raw, type, 'params', 'present'),
      }
    case 'tool_result':
      return {
        type,
        tool: field(raw, type, 'tool', 'a string'),
        result: field(raw, type, 'result', 'present'),
      }
    case 'run_completed':
      return {
        type,
        runId: field(raw, type, 'run_id', 'a string'),
        creditsUsed: field(raw, type, 'credits_used', 'a finite number'),
        durationMs: field(raw, type, 'duration_ms', 'a finite number'),
      }
  }
  return { type: 'unknown', raw }
}

function failureOf(raw: JsonObject): AgentRunError {
  const { message = 'The run failed', code } = errorFields(raw)
  return new AgentRunError('run_failed', message, { code })
}

function toToolCall(value: JsonValue, index: number): RunResultToolCall {
  const context = `result.tool_calls[${index}]`
  if (!isJsonObject(value)) throw new TypeError(`${context} must be an object`)
  const call: RunResultToolCall = {
    tool: field(value, context, 'tool', 'a string'),
    action: field(value, context, 'action', 'a string'),
    params: field(value, context, 'params', 'present'),
  }
  if (Object.hasOwn(value, 'result_summary')) {
    call.resultSummary = field(value, context, 'result_summary', 'a string')
  }
  return call
}

/** What a field must be, as a failure names it, and the type it then has. */
interface Expected {
  'a string': string
  'a finite number': number
  'an array': JsonValue[]
  present: JsonValue
}

const checks: { [K in keyof Expected]: (value: unknown) => boolean } = {
  'a string': (value) => typeof value === 'string',
  'a finite number': Number.isFinite,
  'an array': Array.isArray,
  present: (value) => value !== undefined,
}

/** A typed read of an own field (never an inherited one such as `constructor`), naming the culprit. */
function field<K extends keyof Expected>(
  raw: JsonObject,
  context: string,
  key: string,
  what: K,
): Expected[K] {
  const value = Object.hasOwn(raw, key) ? raw[key] : undefined
  if (!checks[what](value)) throw new TypeError(`${context}.${key} must be ${what}`)
  return value as Expected[K]
}

function malformed(message: string, data: string): ParsedEvent {
  return {
    diagnostic: { kind: 'malformed_event', message, data: data.slice(0, DIAGNOSTIC_DATA_LIMIT) },
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}
