/** Reads an SSE body and parses every `data:` payload it can; unparsable payloads stay as strings. */
export async function readEvents(
  response: Response,
): Promise<Array<Record<string, unknown> | string>> {
  const text = await response.text()
  return text
    .split(/\n\n/)
    .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => {
      const data = line.slice('data: '.length)
      try {
        return JSON.parse(data) as Record<string, unknown>
      } catch {
        return data
      }
    })
}

export const postRun = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://mock.test/api/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
