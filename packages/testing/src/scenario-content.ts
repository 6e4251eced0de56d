/**
 * The words and data the mock agent streams. Kept apart from the scenario scripts so a reader can
 * see each script's shape in a few lines.
 */

export const plainAnswer =
  'Sure. Auteryn agents answer in **markdown**, stream their text a few characters at a time and ' +
  'report the credits each run used.\n\nAsk me to *check the open bugs*, *find a meeting slot* or ' +
  '*search the web* to see a tool call.'

export const githubCall = {
  tool: 'github',
  action: 'list_issues',
  params: { repo: 'acme/web', state: 'open', label: 'P1' },
}
export const githubResult = {
  count: 3,
  issues: [
    { number: 482, title: 'Checkout button unresponsive on Safari 17', assignee: 'mara' },
    { number: 479, title: 'Invoice PDF renders blank totals', assignee: 'jonas' },
    { number: 471, title: 'Password reset email sent twice', assignee: null },
  ],
}
export const githubAnswer =
  'I found **3 open P1 issues** in `acme/web`:\n\n' +
  '1. **#482** Checkout button unresponsive on Safari 17 (assigned to @mara)\n' +
  '2. **#479** Invoice PDF renders blank totals (assigned to @jonas)\n' +
  '3. **#471** Password reset email sent twice (unassigned)\n\n' +
  '#471 has had no activity for 9 days. Want me to ping the team about it?'

export const calendarCall = {
  tool: 'calendar',
  action: 'find_slot',
  params: { attendees: ['mara@acme.dev', 'jonas@acme.dev'], duration_minutes: 30, within_days: 3 },
}
export const calendarResult = {
  timezone: 'Europe/Berlin',
  slots: [
    { start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T10:30:00+01:00' },
    { start: '2026-12-02T14:30:00+01:00', end: '2026-12-02T15:00:00+01:00' },
  ],
}
export const calendarAnswer =
  'Mara and Jonas are both free for 30 minutes at:\n\n' +
  '- **Tue 1 Dec**, 10:00–10:30 (Berlin)\n- **Wed 2 Dec**, 14:30–15:00 (Berlin)\n\n' +
  'Shall I send an invite for Tuesday?'

export const searchCalls = [
  { tool: 'search', action: 'web', params: { query: 'vite 8 release notes', limit: 3 } },
  { tool: 'search', action: 'web', params: { query: 'vitest 4 browser mode', limit: 3 } },
  { tool: 'search', action: 'web', params: { query: 'storybook 10 migration guide', limit: 3 } },
]
export const searchResults = [
  { results: [{ title: 'Vite 8 is out', url: 'https://vite.dev/blog/announcing-vite8' }] },
  { results: [{ title: 'Browser Mode', url: 'https://vitest.dev/guide/browser/' }] },
  { results: [{ title: 'Migration guide', url: 'https://storybook.js.org/docs/migration-guide' }] },
]
export const searchAnswer =
  'Here is what the three searches found:\n\n' +
  '| topic | source |\n| --- | --- |\n' +
  '| Vite 8 | [Vite 8 is out](https://vite.dev/blog/announcing-vite8) |\n' +
  '| Vitest 4 | [Browser Mode](https://vitest.dev/guide/browser/) |\n' +
  '| Storybook 10 | [Migration guide](https://storybook.js.org/docs/migration-guide) |\n'

export const toolErrorResult = {
  error: { code: 'calendar_unavailable', message: 'Calendar API timed out after 10 s' },
}
export const toolErrorAnswer =
  "I couldn't reach the calendar service (it timed out after 10 seconds), so I can't suggest a " +
  'slot right now. Try again in a minute, or tell me a time and I will check it directly.'

export const markdownAnswer = `## Release checklist

Here is the plan for **v2.4**, with the risky parts first:

1. Freeze the \`main\` branch on *Thursday*
2. Run the migration on staging
   - back up the \`orders\` table
   - watch the error rate for an hour
3. Tag and publish

| step | owner | estimate |
| --- | --- | ---: |
| Freeze | Mara | 0.5 h |
| Migration | Jonas | 2 h |
| Publish | Ana | 1 h |

\`\`\`ts
export async function migrate(db: Database): Promise<void> {
  await db.exec('ALTER TABLE orders ADD COLUMN refunded_at timestamptz')
}
\`\`\`

> Roll back with \`pnpm migrate down\` if the error rate passes 1%.

Full notes: [release wiki](https://wiki.acme.dev/releases/2-4).`

export const hostileAnswer =
  'Here are the links you asked for: [click](javascript:alert(1)) and [docs](https://docs.acme.dev).\n\n' +
  '<script>alert(1)</script>\n\n' +
  'An image: <img src=x onerror=alert(1)>\n\n' +
  'And a picture: ![](https://tracker.example/pixel.gif)\n\n' +
  '<a href="javascript:alert(2)">more</a> <iframe src="https://evil.example"></iframe>'
export const hostileCall = {
  tool: 'search',
  action: 'web',
  params: { query: '<script>alert("params")</script>' },
}
export const hostileResult = {
  results: [
    { title: '<script>alert("result")</script>', url: 'javascript:alert(3)' },
    { title: '<img src=x onerror=alert(4)>', url: 'https://example.com' },
  ],
}

export const partialAnswer =
  'Let me walk through the deployment logs. The first failure happened at 09:14 when the ' +
  'health check on `api-2` timed out, and after that the load balancer'

export const serverErrorPage = `<!DOCTYPE html>
<html>
<head><title>500 Internal Server Error</title></head>
<body>
<center><h1>500 Internal Server Error</h1></center>
<hr><center>nginx</center>
</body>
</html>
`

const topics = ['latency', 'caching', 'retries', 'observability', 'rollouts', 'capacity']

/** A long report (about 15,000 characters, thousands of chunks) for rendering-cost checks. */
export function longAnswer(sections = 24): string {
  const parts = ['# Production readiness review\n\n']
  for (let index = 1; index <= sections; index++) {
    const topic = topics[index % topics.length]
    parts.push(
      `## ${index}. ${topic}\n\n`,
      `We reviewed ${topic} across all ${index + 2} services. Most services meet the target, but ` +
        `two of them still depend on defaults chosen years ago, and the dashboards hide the worst ` +
        `percentiles. The owners agreed to fix this within the next sprint.\n\n`,
      `- measure ${topic} at p50, p95 and p99\n- alert on a sustained change, not a spike\n` +
        `- write the runbook entry before the alert\n\n`,
      `Status: **${index % 3 === 0 ? 'at risk' : 'on track'}**, reviewed by team ${index}.\n\n`,
    )
  }
  return parts.join('')
}
