/**
 * The baseline's markdown: the kit's own element renderer, but the whole text lexed again by
 * marked on every render and every block rebuilt (no incremental lexing, no per-block memo), as a
 * straightforward chat UI would do it. Same elements, so the ratio measures only the memoisation.
 */
import { marked } from 'marked'
// Internal modules on purpose: the public <Markdown> is memoised, the baseline must not be.
import { defaultLabels } from '../../../packages/react/src/labels'
import { renderBlock } from '../../../packages/react/src/markdown/render-tokens'

const context = { labels: defaultLabels }

export function NaiveMarkdown({ text }: { text: string }) {
  return (
    <div className="auteryn-markdown">
      {marked.lexer(text).map((token, index) => renderBlock(token, context, false, index))}
    </div>
  )
}
