export const LINE_FEED = 10
export const CARRIAGE_RETURN = 13

/**
 * Counts the bytes of the event being received, across reads, and says when it grows past
 * `maxBytes`. An event ends at a blank line; a line ends at LF, CR or CRLF (a CRLF split between
 * two reads included). Only line ends are visited, found by `indexOf`, so a read costs a native
 * scan and a step per line.
 */
export function createEventMeter(maxBytes: number): (chunk: Uint8Array) => boolean {
  let size = 0
  // No byte yet on the current line: a line end here is a blank line, which ends the event.
  let lineEmpty = true
  // The last byte was a CR: an LF right after it belongs to the same line end.
  let afterReturn = false
  return (chunk) => {
    let from = 0
    let nextReturn = chunk.indexOf(CARRIAGE_RETURN)
    while (from < chunk.length) {
      if (nextReturn !== -1 && nextReturn < from) nextReturn = chunk.indexOf(CARRIAGE_RETURN, from)
      const nextFeed = chunk.indexOf(LINE_FEED, from)
      const end =
        nextFeed === -1 ? nextReturn : nextReturn === -1 ? nextFeed : Math.min(nextFeed, nextReturn)
      if (end === -1) {
        size += chunk.length - from
        lineEmpty = false
        afterReturn = false
        break
      }
      size += end + 1 - from
      if (end > from) {
        lineEmpty = false
        afterReturn = false
      }
      const isReturn = chunk[end] === CARRIAGE_RETURN
      if (!isReturn && afterReturn) afterReturn = false
      else {
        if (lineEmpty) size = 0
        lineEmpty = true
        afterReturn = isReturn
      }
      from = end + 1
    }
    return size > maxBytes
  }
}
