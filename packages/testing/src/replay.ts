import { replaySse, type ReplayOptions } from './sse'
import { transcripts, type TranscriptName } from './transcripts'

/**
 * A `fetch` that answers every request by replaying one transcript (a recorded run, or any SSE
 * text from `formatSse`), honouring the request's abort signal. Pass it as a client's `fetch`.
 */
export function replayFetch(
  transcript: TranscriptName | (string & {}),
  options: Omit<ReplayOptions, 'signal'> = {},
): typeof fetch {
  const text = transcript in transcripts ? transcripts[transcript as TranscriptName] : transcript
  return (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined)
    if (signal?.aborted) {
      return Promise.reject(signal.reason ?? new DOMException('Aborted', 'AbortError'))
    }
    return Promise.resolve(replaySse(text, { ...options, signal }))
  }
}
