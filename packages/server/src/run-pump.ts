import { errorBody } from '@auteryn/client/wire'
import { createIdleTimer } from './idle-timer'
import type { Redactor } from './redact'
import { isEventStream, unref } from './responses'
import type { RunEndReason, RunHead, RunWriter } from './run-store'
import { createEventPipeline } from './event-pipeline'
import { isEventType, runStartedOf, type UpstreamEvent } from './sse-events'
import { readWholeText } from './whole-answer'
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

const failureHead = ({ status, code, message }: UpstreamFailure): RunHead => ({
  status,
  headers: [
    ['content-type', 'application/json'],
    ['cache-control', 'no-store'],
  ],
  body: errorBody(code, message),
})

/** A run stopped or expired before the upstream answered: readers get the end marker alone. */
const emptyStreamHead: RunHead = { status: 200, headers: [['content-type', 'text/event-stream']] }

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
    const whole = await readWholeText(response, maxWholeAnswerBytes).catch(() => undefined)
    await run.setHead(
      whole === undefined
        ? failureHead(upstreamFailures.unreachable)
        : { status: response.status, headers, body: redactor.text(whole) },
    )
    return finish('completed')
  }

  await run.setHead({ status: response.status, headers })
  const reader = response.body.getReader()
  let completed = false
  let started = options.onRunStarted === undefined
  const pipeline = createEventPipeline(redactor, (event: UpstreamEvent) => {
    completed ||= isEventType(event, 'run_completed')
    if (started) return
    const ids = runStartedOf(event)
    if (ids === undefined) return
    started = true
    options.onRunStarted?.(ids)
  })
  try {
    for (;;) {
      idle.arm()
      const read = await reader.read()
      idle.stop()
      if (read.done) break
      const lines = pipeline.push(read.value)
      if (lines.length > 0) await run.append(lines)
    }
  } catch {
    upstream.abort()
    await reader.cancel().catch(() => {})
  }
  await run.append(pipeline.flush())
  return finish(completed ? 'completed' : endReason())
}
