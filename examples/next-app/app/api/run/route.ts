import { createRunHandler } from '@auteryn/server'
import { upstreamFromEnvironment } from '@auteryn/testing'
import { resolveSession } from '../../../session'

// The API at AUTERYN_UPSTREAM with AUTERYN_API_KEY and AUTERYN_AGENT_ID (server-side only); without
// them, the mock agent answers in-process, so the app runs with no key and no account.
const handler = createRunHandler({
  ...upstreamFromEnvironment(process.env),
  resolveContext: resolveSession,
})

export const POST = handler
