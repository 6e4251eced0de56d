import { utf8Length } from './bytes'

/**
 * An answer that is not an event stream (an HTTP error, a JSON run), read whole as text; or
 * `undefined`, with the body cancelled, once its UTF-8 size passes `maxBytes`. Each read is
 * decoded and measured once and the pieces are joined at the end: linear in the answer, however
 * small its reads (re-measuring a growing string on every read is quadratic).
 */
export async function readWholeText(
  response: Response,
  maxBytes: number,
): Promise<string | undefined> {
  const reader = response.body?.getReader()
  if (reader === undefined) return ''
  const decoder = new TextDecoder()
  const pieces: string[] = []
  let bytes = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const piece = decoder.decode(read.value, { stream: true })
    pieces.push(piece)
    bytes += utf8Length(piece)
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {})
      return undefined
    }
  }
  pieces.push(decoder.decode())
  return pieces.join('')
}
