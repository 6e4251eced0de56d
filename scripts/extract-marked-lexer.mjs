#!/usr/bin/env node
// Writes marked's lexer (and only its lexer) into packages/react/src/markdown/marked-lexer/.
//
// Why: marked ships one pre-bundled file whose top level builds a `Marked` instance, so no
// bundler can drop its parser, renderers and hooks: importing `Lexer` alone costs all of marked
// (about 12.6 KB gzip, of which the lexer is about 9 KB). The kit only lexes. marked publishes its
// TypeScript sources inside its source map, so this script takes the lexer's modules from the
// installed version, unchanged but for import paths and the cuts in `cuts` below.
// `marked-lexer.test.ts` checks that the files match the installed marked with exactly those
// cuts, that the rule sets kept equal marked's, and that they lex exactly as marked does.
//
// Run after upgrading marked: `node scripts/extract-marked-lexer.mjs` (`--check` only compares).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, 'packages/react/src/markdown/marked-lexer')

/** marked's module name → ours (kebab-case); only these modules are taken. */
const modules = {
  'Lexer.ts': 'lexer.ts',
  'Tokenizer.ts': 'tokenizer.ts',
  'rules.ts': 'rules.ts',
  'helpers.ts': 'helpers.ts',
  'defaults.ts': 'defaults.ts',
}
/**
 * The kit always lexes with `{ ...getDefaults(), gfm: true }`: marked's `pedantic` and `breaks`
 * rule sets are never chosen, yet they are about a third of rules.ts, and the tokenizer's
 * pedantic branches and the lexer's extension and hook steps never run. Each cut replaces exact
 * pieces of marked's source, found exactly `times` times (once unless it says), or extraction fails, and says why. Asking the lexer for
 * those options (or for extensions or hooks) then throws rather than lexing otherwise than marked
 * would.
 */
const cuts = {
  'rules.ts': [
    {
      why: 'the pedantic block rules',
      from: /\/\*\*\n \* Pedantic grammar[^]*?\n\};\n\n(?=\/\*\*\n \* Inline-Level Grammar)/,
      to: '',
    },
    {
      why: 'the pedantic inline rules',
      from: /\/\*\*\n \* Pedantic Inline Grammar[^]*?\n\};\n\n(?=\/\*\*\n \* GFM Inline Grammar)/,
      to: '',
    },
    {
      why: 'the GFM-with-line-breaks inline rules',
      from: /\/\*\*\n \* GFM \+ Line Breaks Inline Grammar[^]*?\n\};\n\n(?=\/\*\*\n \* exports)/,
      to: '',
    },
    { why: 'exporting the pedantic block rules', from: '  pedantic: blockPedantic,\n', to: '' },
    {
      why: 'exporting the breaks and pedantic inline rules',
      from: '  breaks: inlineBreaks,\n  pedantic: inlinePedantic,\n',
      to: '',
    },
    {
      why: 'the patterns only the pedantic branches read',
      from: /^ {2}(?:listReplaceNesting|pedanticHrefTitle|spaceLine): .*\n/m,
      to: '',
      times: 3,
    },
  ],
  'Lexer.ts': [
    {
      why: 'choosing them',
      from: `    if (this.options.pedantic) {
      rules.block = block.pedantic;
      rules.inline = inline.pedantic;
    } else if (this.options.gfm) {
      rules.block = block.gfm;
      if (this.options.breaks) {
        rules.inline = inline.breaks;
      } else {
        rules.inline = inline.gfm;
      }
    }`,
      to: `    const { pedantic, breaks, extensions, hooks } = this.options;
    if (pedantic || breaks || extensions || hooks) {
      throw new Error('marked-lexer: pedantic, breaks, extensions and hooks are not extracted');
    } else if (this.options.gfm) {
      rules.block = block.gfm;
      rules.inline = inline.gfm;
    }`,
    },
    {
      why: "blockTokens' pedantic branch",
      from: `    if (this.options.pedantic) {
      src = src.replace(other.tabCharGlobal, '    ').replace(other.spaceLine, '');
    }
`,
      to: '',
    },
    {
      // The constructor above refuses both, so no other Lexer code reads them as set.
      why: 'the extension and hook steps (read as null, so a minifier drops them)',
      from: /\bthis\.options\.(?:extensions|hooks)\b/,
      to: 'null',
      times: 7,
    },
  ],
  'Tokenizer.ts': [
    {
      // The lexer hands the tokenizer its own options, and the lexer refuses `pedantic`.
      why: "the tokenizer's pedantic branches (read as false, so a minifier drops them)",
      from: /\bthis\.options\.pedantic\b/,
      to: 'false',
      times: 8,
    },
  ],
}

/** `text` with each of `source`'s cuts made; a cut that matches other than `times` times throws. */
function applyCuts(source, text, version) {
  for (const { why, from, to, times = 1 } of cuts[source] ?? []) {
    const pattern = typeof from === 'string' ? from : new RegExp(from.source, `g${from.flags}`)
    const count =
      typeof from === 'string' ? text.split(from).length - 1 : [...text.matchAll(pattern)].length
    if (count !== times) {
      throw new Error(
        `marked ${version} src/${source}: the cut of ${why} matches ${count} times, not ${times}`,
      )
    }
    text = typeof from === 'string' ? text.split(from).join(to) : text.replace(pattern, to)
  }
  return text
}

/** Modules that hold only types: their imports point at marked's published declarations. */
const typeOnlyModules = new Set(['Tokens.ts', 'MarkedOptions.ts'])

/** The generated files, by name, from the marked installed beside @auteryn/react. */
export function extractMarkedLexer() {
  const require = createRequire(join(root, 'packages/react/package.json'))
  const packageFile = require.resolve('marked/package.json')
  const { version } = JSON.parse(readFileSync(packageFile, 'utf8'))
  const map = JSON.parse(readFileSync(join(dirname(packageFile), 'lib/marked.esm.js.map'), 'utf8'))
  const files = {}
  for (const [source, name] of Object.entries(modules)) {
    const index = map.sources.findIndex((path) => path.endsWith(`/src/${source}`))
    const text = map.sourcesContent?.[index]
    if (index < 0 || typeof text !== 'string') {
      throw new Error(`marked ${version}: src/${source} is not in lib/marked.esm.js.map`)
    }
    const body = applyCuts(source, text, version).replace(
      /from '\.\/([\w]+\.ts)'/g,
      (_, imported) => {
        if (typeOnlyModules.has(imported)) return "from 'marked'"
        if (!modules[imported]) throw new Error(`src/${source} imports ${imported}, not extracted`)
        return `from './${modules[imported].replace(/\.ts$/, '')}'`
      },
    )
    files[name] = [
      '// @ts-nocheck: marked type-checks this file under its own compiler options.',
      `// Generated by scripts/extract-marked-lexer.mjs from marked ${version} src/${source}${cuts[source] ? ' (with its cuts)' : ''}; do not edit.`,
      '// marked: Copyright (c) 2018+ MarkedJS, (c) 2011-2018 Christopher Jeffrey. MIT License.',
      '',
      body,
    ].join('\n')
  }
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = extractMarkedLexer()
  const check = process.argv.includes('--check')
  mkdirSync(target, { recursive: true })
  let stale = 0
  for (const [name, text] of Object.entries(files)) {
    const path = join(target, name)
    let current
    try {
      current = readFileSync(path, 'utf8')
    } catch {
      current = undefined
    }
    if (current === text) continue
    stale += 1
    if (check) console.error(`${path} differs from the installed marked`)
    else writeFileSync(path, text)
  }
  if (check && stale > 0) process.exit(1)
}
