import { utf8Length } from './bytes'
import { createIdleTimer } from './idle-timer'
import type { Redactor } from './redact'
import { isEventStream, unref } from './responses'
import type { RunEndReason, RunHead, RunWriter } from './run-store'
import { createEventSplitter, isEventType, runStartedOf } from './sse-events'
import {
  isRedirect,
  passedHeaders,
  postUpstream,
  upstreamFailures,
  type UpstreamCall,
  type UpstreamFailure,
} from './upstream'

export interface PumpOptions {
  idleTimeoutMs: number
  graceMs: number
  retainMs: number
  redactor: Redactor
  onRunStarted?: (ids: { runId: string; taskId: string }) => void
}

/** A whole answer (an HTTP error, a JSON run) larger than this is not kept: 502 instead. */
const maxWholeAnswerBytes = 8 * 1024 * 1024
/** One event larger than this ends the run: the log never holds an unbounded line. */
const maxEventChars = 8 * 1024 * 1024

const failureHead = ({ status, code, message }: UpstreamFailure): RunHead => ({
  status,
  headers: [
    ['content-type', 'application/json'],
    ['cache-control', 'no-store'],
  ],
  body: JSON.stringify({ error: { code, message } }),
})

/** A run stopped or expired before the upstream answered: readers get the end marker alone. */
const emptyStreamHead: RunHead = { status: 200, headers: [['content-type', 'text/event-stream']] }

async function readWhole(response: Response, redactor: Redactor): Promise<string | undefined> {
  const reader = response.body?.getReader()
  if (reader === undefined) return ''
  const decoder = new TextDecoder()
  let text = ''
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    text += decoder.decode(read.value, { stream: true })
    if (utf8Length(text) > maxWholeAnswerBytes) {
      await reader.cancel().catch(() => {})
      return undefined
    }
  }
  return redactor.text(text + decoder.decode())
}

/**
 * Reads one run's upstream answer into its log, whether or not anyone is reading: readers
 * attach, leave and come back through the store. The upstream is aborted by a stop, by the grace
 * period running out with no reader attached, or by upstream silence (the idle timer measures
 * the upstream alone: a slow reader costs log space, never the run).
 */
export async function pumpRun(
  run: RunWriter,
  call: UpstreamCall,
  body: { text: string; stream: boolean },
  options: PumpOptions,
): Promise<void> {
  const { idleTimeoutMs, graceMs, retainMs, redactor } = options
  const upstream = new AbortController()
  let cause: 'stopped' | 'expired' | 'timeout' | undefined
  const abort = (reason: typeof cause) => {
    cause ??= reason
    upstream.abort()
  }
  run.onStop(() => abort('stopped'))
  const idle = createIdleTimer(idleTimeoutMs, () => abort('timeout'))
  let alone: number | undefined
  const grace = unref(
    setInterval(
      () => {
        run.hasReaders().then(
          (attached) => {
            if (attached) alone = undefined
            else if (Date.now() - (alone ??= Date.now()) >= graceMs) abort('expired')
          },
          () => {},
        )
      },
      Math.max(10, Math.min(1000, graceMs / 4)),
    ),
  )
  const finish = async (reason: RunEndReason) => {
    clearInterval(grace)
    idle.stop()
    await run.end(reason, retainMs)
  }
  const endReason = (): RunEndReason =>
    cause === 'stopped' || cause === 'expired' ? cause : 'upstream_closed'

  let response: Response
  try {
    idle.arm()
    response = await postUpstream(call, body, upstream.signal)
    idle.stop()
  } catch {
    if (cause === 'stopped' || cause === 'expired') await run.setHead(emptyStreamHead)
    else
      await run.setHead(
        failureHead(cause === 'timeout' ? upstreamFailures.timeout : upstreamFailures.unreachable),
      )
    return finish(endReason())
  }
  if (isRedirect(response)) {
    upstream.abort()
    await run.setHead(failureHead(upstreamFailures.redirect))
    return finish('completed')
  }

  const headers = passedHeaders(response, redactor)
  if (!isEventStream(response.headers.get('content-type')) || response.body === null) {
    const whole = await readWhole(response, redactor).catch(() => undefined)
    await run.setHead(
      whole === undefined
        ? failureHead(upstreamFailures.unreachable)
        : { status: response.status, headers, body: whole },
    )
    return finish('completed')
  }

  await run.setHead({ status: response.status, headers })
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const splitter = createEventSplitter(maxEventChars)
  let completed = false
  let started = options.onRunStarted === undefined
  try {
    for (;;) {
      idle.arm()
      const read = await reader.read()
      idle.stop()
      if (read.done) break
      const events = splitter.push(decoder.decode(read.value, { stream: true }))
      if (events.length === 0) continue
      for (const event of events) {
        completed ||= isEventType(event, 'run_completed')
        if (started) continue
        const ids = runStartedOf(event)
        if (ids !== undefined) {
          started = true
          options.onRunStarted?.(ids)
        }
      }
      await run.append(events.map((event) => redactor.text(event.lines)))
    }
  } catch {
    upstream.abort()
    await reader.cancel().catch(() => {})
  }
  return finish(completed ? 'completed' : endReason())
}
