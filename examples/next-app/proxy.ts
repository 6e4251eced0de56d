import { NextResponse, type NextRequest } from 'next/server'
import { sessionCookie } from './session'

/** Gives a browser without a session one, on the page load that comes before any run. */
export function proxy(request: NextRequest) {
  if (request.cookies.has(sessionCookie)) return NextResponse.next()
  const response = NextResponse.next()
  response.cookies.set(sessionCookie, crypto.randomUUID(), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
  })
  return response
}

export const config = { matcher: '/' }
