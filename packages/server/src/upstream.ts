import type { Redactor } from './redact'

export interface UpstreamCall {
  send: typeof fetch
  endpoint: string
  apiKey: string
  agentId: string
}

/** Why the upstream gave no usable answer, as the browser is told. */
export type UpstreamFailure =
  | { status: 502; code: 'upstream_unreachable'; message: string }
  | { status: 502; code: 'upstream_redirect'; message: string }
  | { status: 504; code: 'upstream_timeout'; message: string }

export const upstreamFailures = {
  unreachable: {
    status: 502,
    code: 'upstream_unreachable',
    message: 'Could not reach the agent service.',
  },
  redirect: {
    status: 502,
    code: 'upstream_redirect',
    message: 'The agent service answered with a redirect, which the proxy does not follow.',
  },
  timeout: { status: 504, code: 'upstream_timeout', message: 'The agent did not answer in time.' },
} as const satisfies Record<string, UpstreamFailure>

/**
 * POSTs the clean body upstream. Redirects are never followed: following one would re-send the
 * body, the identity and the agent id (and on the same origin, the key) to wherever it points.
 */
export function postUpstream(
  call: UpstreamCall,
  body: { text: string; stream: boolean },
  signal: AbortSignal,
): Promise<Response> {
  return call.send(call.endpoint, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${call.apiKey}`,
      'x-agent-id': call.agentId,
      'content-type': 'application/json',
      accept: body.stream ? 'text/event-stream' : 'application/json',
    },
    body: body.text,
    redirect: 'manual',
    signal,
  })
}

export const isRedirect = (response: Response) =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)

/** Only the upstream headers a browser needs pass, each with any form of the key redacted. */
export function passedHeaders(response: Response, redactor: Redactor): Array<[string, string]> {
  const passed: Array<[string, string]> = []
  for (const name of ['content-type', 'retry-after']) {
    const value = response.headers.get(name)
    if (value !== null) passed.push([name, redactor.text(value)])
  }
  return passed
}
