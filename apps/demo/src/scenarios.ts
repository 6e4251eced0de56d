/** One line per mock scenario, for the picker. Names the demo does not know still show, bare. */
export const scenarioDescriptions: Record<string, string> = {
  plain: 'A plain streamed answer',
  tools: 'Calls a tool, then answers',
  'parallel-tools': 'Three tool calls at once',
  slow: 'Tool calls with long pauses',
  long: 'A very long report',
  markdown: 'Headings, lists, code and links',
  'tool-error': 'A tool that fails',
  'run-failed': 'The agent reports an error mid-run',
  unauthorized: '401: bad API key',
  'out-of-credits': '402: out of credits',
  'rate-limited': '429: rate limited',
  'server-error': '500 with an HTML error page',
  disconnect: 'The agent drops its connection mid-answer (interrupted)',
  'drop-connection': 'Drop the connection mid-answer (the chat reconnects)',
  'slow-long': 'A slow, long answer (reload or stop mid-answer)',
  'no-completion': 'The stream ends without run_completed',
  malformed: 'Broken events in the stream',
  'unknown-event': 'Undocumented event types',
  hostile: 'Prompt injection: scripts, javascript: links, tracking pixel',
}

export const defaultScenario = 'tools'

/** The endpoint the browser posts to: the scenario travels as a query parameter to the demo server. */
export function endpointFor(scenario: string | undefined): string {
  return scenario ? `/api/run?scenario=${encodeURIComponent(scenario)}` : '/api/run'
}
