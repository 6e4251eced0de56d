/** The generated lexer files, by file name, from the installed marked. */
export declare function extractMarkedLexer(): Record<string, string>
