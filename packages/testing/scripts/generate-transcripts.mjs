// Embeds the recorded transcripts (src/__fixtures__/*.sse) in src/transcripts.ts, so browsers and
// bundlers get them as plain strings without a loader. Run after changing a fixture:
//   pnpm --filter @auteryn/testing generate
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'

const folder = new URL('../src/__fixtures__/', import.meta.url)
const names = readdirSync(folder)
  .filter((file) => file.endsWith('.sse'))
  .map((file) => file.slice(0, -'.sse'.length))
  .sort()

const entries = names.map(
  (name) => `  '${name}': ${JSON.stringify(readFileSync(new URL(`${name}.sse`, folder), 'utf8'))},`,
)
const source = `// Generated from src/__fixtures__/*.sse by scripts/generate-transcripts.mjs: do not edit.

/** The recorded transcripts shipped with the package. */
export type TranscriptName = ${names.map((name) => `'${name}'`).join(' | ')}

/** Recorded runs as raw SSE text, for \`replaySse\` in tests and stories. */
export const transcripts: Readonly<Record<TranscriptName, string>> = {
${entries.join('\n')}
}
`
writeFileSync(new URL('../src/transcripts.ts', import.meta.url), source)
