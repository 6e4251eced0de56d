import { errorResponse, type WireEvent } from '@auteryn/client/wire'
import * as content from './scenario-content'

export type ScenarioName =
  | 'plain'
  | 'tools'
  | 'parallel-tools'
  | 'slow'
  | 'long'
  | 'slow-long'
  | 'unauthorized'
  | 'out-of-credits'
  | 'rate-limited'
  | 'server-error'
  | 'disconnect'
  | 'no-completion'
  | 'malformed'
  | 'unknown-event'
  | 'hostile'
  | 'markdown'
  | 'tool-error'
  | 'run-failed'

export const scenarioNames: readonly ScenarioName[] = [
  'plain',
  'tools',
  'parallel-tools',
  'slow',
  'long',
  'slow-long',
  'unauthorized',
  'out-of-credits',
  'rate-limited',
  'server-error',
  'disconnect',
  'no-completion',
  'malformed',
  'unknown-event',
  'hostile',
  'markdown',
  'tool-error',
  'run-failed',
]

/** An event of a type the API does not document, kept apart so documented events stay typed. */
export type UndocumentedEvent = { type: string; [field: string]: unknown }

/**
 * One step of a streamed run: a documented event (typed, so a misspelt field does not compile),
 * an undocumented one, raw SSE text (comments, broken JSON) or a reset.
 */
export type Step =
  { event: WireEvent } | { undocumented: UndocumentedEvent } | { raw: string } | { reset: true }

/** A whole non-streaming answer: an error status, its headers and body. */
export type HttpScript = { kind: 'http'; response: () => Response }

export type Script = { kind: 'stream'; steps: Step[]; slow?: boolean } | HttpScript

export interface ScenarioContext {
  query: string
  runId: string
  taskId: string
  /** Earlier queries of the same task, oldest first. */
  history: readonly string[]
}

/** Splits text into chunks of a few characters, the way a model streams tokens. */
export function toChunks(text: string): string[] {
  return text.match(/\s*\S{1,4}|\s+/g) ?? []
}

const say = (text: string): Step[] =>
  toChunks(text).map((chunk) => ({ event: { type: 'text_chunk', content: chunk } }))
const call = (tool: { tool: string; action: string; params: unknown }): Step => ({
  event: { type: 'tool_call', ...tool },
})
const result = (tool: string, value: unknown): Step => ({
  event: { type: 'tool_result', tool, result: value },
})

const unknownEvent = (event: UndocumentedEvent): Step => ({ undocumented: event })

function run(context: ScenarioContext, credits: number, durationMs: number, body: Step[]): Step[] {
  const { runId, taskId } = context
  return [
    { event: { type: 'run_started', run_id: runId, task_id: taskId } },
    ...body,
    {
      event: {
        type: 'run_completed',
        run_id: runId,
        credits_used: credits,
        duration_ms: durationMs,
      },
    },
  ]
}

/** An error answer in the documented envelope, `{ error: { code, message } }`. */
const errorScript = (...error: Parameters<typeof errorResponse>): HttpScript => ({
  kind: 'http',
  response: () => errorResponse(...error),
})

function recall(context: ScenarioContext): string {
  const last = context.history.at(-1)
  return last === undefined ? '' : `Earlier you asked about “${last.slice(0, 80)}”. `
}

/** Picks the tool a query is about, so free-form demo questions get a fitting tool call. */
function toolRun(context: ScenarioContext): Step[] {
  if (/calendar|meet|slot|schedul/i.test(context.query)) {
    return run(context, 4, 2480, [
      ...say(`${recall(context)}Let me look at both calendars…\n\n`),
      call(content.calendarCall),
      result('calendar', content.calendarResult),
      ...say(content.calendarAnswer),
    ])
  }
  if (/search|web|news|latest/i.test(context.query)) return parallelRun(context)
  return run(context, 6, 3241, [
    ...say(`${recall(context)}Let me check the open P1 bugs…\n\n`),
    call(content.githubCall),
    result('github', content.githubResult),
    ...say(content.githubAnswer),
  ])
}

function parallelRun(context: ScenarioContext): Step[] {
  return run(context, 9, 4120, [
    ...say(`${recall(context)}I'll run three searches at once.\n\n`),
    ...content.searchCalls.map(call),
    ...content.searchResults.map((value) => result('search', value)),
    ...say(content.searchAnswer),
  ])
}

export function scenarioScript(name: ScenarioName, context: ScenarioContext): Script {
  const { runId, taskId } = context
  const started: Step = { event: { type: 'run_started', run_id: runId, task_id: taskId } }
  const stream = (steps: Step[], slow?: boolean): Script => ({ kind: 'stream', steps, slow })
  switch (name) {
    case 'plain':
      return stream(run(context, 1, 912, say(recall(context) + content.plainAnswer)))
    case 'tools':
      return stream(toolRun(context))
    case 'parallel-tools':
      return stream(parallelRun(context))
    case 'slow':
      return stream(toolRun(context), true)
    case 'long':
      return stream(run(context, 12, 48_310, say(content.longAnswer())))
    case 'slow-long':
      // About 650 events: at the default pace a run stays open for a minute and a half.
      return stream(run(context, 4, 97_500, say(content.longAnswer(6))), true)
    case 'markdown':
      return stream(run(context, 2, 1870, say(content.markdownAnswer)))
    case 'hostile':
      return stream(
        run(context, 4, 2150, [
          call(content.hostileCall),
          result('search', content.hostileResult),
          ...say(content.hostileAnswer),
        ]),
      )
    case 'tool-error':
      return stream(
        run(context, 3, 10_940, [
          ...say('Let me look at both calendars…\n\n'),
          call(content.calendarCall),
          result('calendar', content.toolErrorResult),
          ...say(content.toolErrorAnswer),
        ]),
      )
    case 'run-failed':
      return stream([
        started,
        ...say('Let me look that up.\n\n'),
        call(content.searchCalls[0]!),
        {
          event: {
            type: 'error',
            code: 'agent_step_limit',
            message: 'The agent stopped after reaching its step limit.',
          },
        },
      ])
    case 'disconnect':
      return stream([started, ...say(content.partialAnswer).slice(0, 12), { reset: true }])
    case 'no-completion':
      return stream([started, ...say(content.partialAnswer)])
    case 'malformed':
      return stream(
        run(context, 2, 1320, [
          ...say('Here is the first half of the answer, '),
          { raw: 'data: {"type":"text_chunk","content":"unterminated\n\n' },
          { raw: 'data: {"type":"tool_call","tool":42}\n\n' },
          ...say('and here is the second half.'),
        ]),
      )
    case 'unknown-event':
      return stream(
        run(context, 2, 1410, [
          { raw: ': keep-alive\n\n' },
          unknownEvent({ type: 'thinking', content: 'Deciding whether a tool is needed' }),
          ...say('No tool needed: the answer is **42**.'),
          unknownEvent({ type: 'usage', tokens: { input: 812, output: 164 } }),
        ]),
      )
    case 'unauthorized':
      return errorScript(401, 'invalid_api_key', 'The API key is missing or invalid.')
    case 'out-of-credits':
      return errorScript(402, 'insufficient_credits', 'Your account has run out of credits.')
    case 'rate-limited':
      return errorScript(429, 'rate_limited', 'Too many runs; retry in 2 seconds.', {
        'retry-after': '2',
      })
    case 'server-error':
      return {
        kind: 'http',
        response: () =>
          new Response(content.serverErrorPage, {
            status: 500,
            headers: { 'content-type': 'text/html; charset=utf-8' },
          }),
      }
  }
}

export function isScenarioName(value: string): value is ScenarioName {
  return (scenarioNames as readonly string[]).includes(value)
}
