import { createPacedStream } from './paced-stream'

/** Wire events (snake_case JSON objects, as the API sends them) → Server-Sent Events text. */
export function formatSse(events: readonly object[]): string {
  return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')
}

export interface ReplayOptions {
  /** Split the transcript into chunks of this many characters. Default: one chunk per event. */
  chunkSize?: number
  /** Pause before each chunk, in milliseconds. Default 0. */
  delayMs?: number
  /** Aborting it stops the replay. Default: none. */
  signal?: AbortSignal | null
}

/** Splits SSE text after each blank line, keeping every byte, so chunks are whole events. */
export function splitEvents(text: string): string[] {
  return text.match(/[\s\S]*?(?:\r?\n\r?\n|$)/g)?.filter((piece) => piece !== '') ?? []
}

function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = []
  for (let start = 0; start < text.length; start += size)
    pieces.push(text.slice(start, start + size))
  return pieces
}

export const sseHeaders: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
}

/** A recorded transcript as a streaming `200 text/event-stream` response, paced like a live run. */
export function replaySse(text: string, options: ReplayOptions = {}): Response {
  const { chunkSize, delayMs = 0, signal } = options
  const pieces =
    chunkSize !== undefined && chunkSize > 0 ? splitEvery(text, chunkSize) : splitEvents(text)
  return new Response(createPacedStream(pieces, { delayMs, signal }), {
    status: 200,
    headers: sseHeaders,
  })
}
