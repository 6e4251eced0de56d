/**
 * A `fetch` wrapper that copies the response body to an observer line by line, so the inspector
 * can show the raw SSE exactly as it arrived, before the kit validates it.
 */
/** What the inspector shows of a request before its answer: a new run, a re-attachment, a stop. */
export interface RawRequest {
  method: string
  /** `Last-Event-ID`: the request re-attaches to its run after this event. */
  lastEventId?: string
}

export interface RawStreamObserver {
  /** A request starts: a run's first POST, a re-attachment to it, or its stop (`DELETE`). */
  begin(request: RawRequest): void
  /** One non-empty line of the response body, as received. */
  line(text: string): void
  /** The body ended (`error` when it broke off or was aborted). */
  end(error?: unknown): void
}

export function teeRawStream(
  observer: RawStreamObserver,
  baseFetch: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers)
    const method = init?.method ?? 'GET'
    observer.begin({ method, lastEventId: headers.get('last-event-id') ?? undefined })
    const response = await baseFetch(input, init)
    if (method === 'DELETE') return response
    if (!response.body) {
      observer.end()
      return response
    }
    const [forApp, forInspector] = response.body.tee()
    void readLines(forInspector, observer)
    return new Response(forApp, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}

async function readLines(body: ReadableStream<Uint8Array>, observer: RawStreamObserver) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      const lines = buffer.split(/\r\n|\r|\n/)
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line !== '') observer.line(line)
    }
    if (buffer !== '') observer.line(buffer)
    observer.end()
  } catch (error) {
    observer.end(error)
  }
}
