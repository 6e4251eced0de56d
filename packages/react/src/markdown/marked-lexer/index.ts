// marked's lexer without the rest of marked (see scripts/extract-marked-lexer.mjs), typed with
// marked's published declarations so callers see the same API as `import { Lexer } from 'marked'`.
import type { Lexer as MarkedLexer, getDefaults as markedGetDefaults } from 'marked'
import { _getDefaults } from './defaults'
import { _Lexer } from './lexer'

export const Lexer = _Lexer as unknown as typeof MarkedLexer
export type Lexer = MarkedLexer
export const getDefaults = _getDefaults as typeof markedGetDefaults
