import { memo } from 'react'

/** Long enough that a piece is rarely re-rendered, short enough that a chunk costs little. */
const pieceLength = 16_384

const Piece = memo(function Piece({ text }: { text: string }) {
  return <>{text}</>
})

/**
 * Text past the markdown limits, as written, in pieces: a streamed chunk re-renders the last
 * piece only, not megabytes of text.
 */
export function PlainText({ text }: { text: string }) {
  const pieces = []
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + pieceLength, text.length)
    // Never between the two halves of a character outside the Basic Multilingual Plane.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1
    pieces.push(<Piece key={start} text={text.slice(start, end)} />)
    start = end
  }
  return <p className="auteryn-markdown-raw">{pieces}</p>
}
