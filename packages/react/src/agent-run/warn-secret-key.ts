let warned = false

function isProduction(): boolean {
  // Bundlers replace `process.env.NODE_ENV` statically; without a bundler there may be no `process`.
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}

/** Warns once per page, in development only, when a secret `afk_` key reaches browser code. */
export function warnSecretKey(apiKey: string | undefined): void {
  if (warned || !apiKey?.startsWith('afk_') || isProduction()) return
  warned = true
  console.warn(
    '[auteryn] An afk_ secret key was passed to useAgentRun. Anyone who opens this page can read it. ' +
      "Keep the key on your server with createRunHandler from '@auteryn/server' and point " +
      '`endpoint` at that route instead.',
  )
}

/** Lets tests observe the once-per-page warning again. */
export function resetSecretKeyWarning(): void {
  warned = false
}
