/**
 * A stand-in for the app's own sign-in: proxy.ts gives each browser a random session id in a
 * cookie, and the run proxy states the user from it. A browser cannot claim another identity:
 * the proxy drops a user id sent in the request body.
 */
export const sessionCookie = 'demo_session'

const sessionPattern = /^[0-9a-f-]{36}$/

export function sessionIdOf(cookieHeader: string | null): string | undefined {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const [name, value] = pair.trim().split('=')
    if (name === sessionCookie && value !== undefined && sessionPattern.test(value)) return value
  }
  return undefined
}

/** `resolveContext` for `createRunHandler`: the run carries the session's user, or is refused. */
export function resolveSession(request: Request) {
  const sessionId = sessionIdOf(request.headers.get('cookie'))
  if (sessionId === undefined) {
    return Response.json(
      { error: { code: 'no_session', message: 'Reload the page to start a session.' } },
      { status: 401 },
    )
  }
  return { user_id: `demo-${sessionId}`, user_name: 'Demo user' }
}
