import type { AssistantMessage, Message, ToolPart, UserMessage } from '@auteryn/client'

/** Conversations for the stories: realistic, hostile and large. */
export const user = (id: string, text: string): UserMessage => ({ id, role: 'user', text })

export const answer = (
  id: string,
  text: string,
  fields: Partial<AssistantMessage> = {},
): AssistantMessage => ({
  id,
  role: 'assistant',
  parts: [{ kind: 'text', text }],
  status: 'complete',
  ...fields,
})

export const toolPart = (id: string, fields: Partial<ToolPart> = {}): ToolPart => ({
  kind: 'tool',
  id,
  tool: 'github',
  action: 'list_issues',
  params: { state: 'open', label: 'P1' },
  result: { count: 3 },
  state: 'done',
  ...fields,
})

export const longAnswer = `## Open P1 issues

I found **3 open P1 issues** in \`acme/api\`. Two of them share a root cause in the session cache.

| # | Title | Assignee | Age |
|---:|:------|:---------|----:|
| 482 | Login loops after password reset | @dana | 2 d |
| 479 | Webhook retries flood the queue | — | 5 d |
| 475 | Session cache ignores \`max_age\` | @lee | 9 d |

### Suggested order

1. Fix the cache TTL (#475); it also explains #482.
2. Add a retry budget to the webhook worker (#479).
3. Re-run the login end-to-end suite.

- [x] Reproduced #482 locally
- [ ] Patch reviewed

The TTL is read here:

\`\`\`ts
export function sessionTtl(config: Config): number {
  // max_age is in seconds; the cache expects milliseconds
  return (config.session.max_age ?? 3600) * 1000
}
\`\`\`

> Note: #479 may need an infra change; see the [runbook](https://example.com/runbooks/webhooks).

---

Want me to open a draft PR for #475?`

export const hostileAnswer = `Here is your summary.

<script>window.__auterynPwned = true</script>

<img src="https://tracker.example/pixel.gif" onerror="window.__auterynPwned = true">

[Claim your prize](javascript:window.__auterynPwned=true) · [Also this](JaVaScRiPt:alert(1)) · [Or this](data:text/html,<b>x</b>)

![tracking pixel](https://tracker.example/collect?user=42)

<a href="https://evil.example" onclick="window.__auterynPwned = true">a raw anchor</a>`

export const conversation: Message[] = [
  user('u1', 'Any open P1 bugs in acme/api?'),
  {
    id: 'a1',
    role: 'assistant',
    status: 'complete',
    creditsUsed: 6,
    durationMs: 3241,
    parts: [
      { kind: 'text', text: 'Let me check the open bugs…' },
      toolPart('a1:tool:1'),
      { kind: 'text', text: 'I found **3 open P1 issues**. The oldest is 9 days old.' },
    ],
  },
]

const topics = ['the release notes', 'flaky tests', 'the on-call rota', 'the Q3 roadmap']

/** A long conversation for the 500-message story. */
export function manyMessages(count: number): Message[] {
  return Array.from({ length: count }, (_, index): Message => {
    const topic = topics[index % topics.length] ?? 'it'
    return index % 2 === 0
      ? user(`m${index}`, `Question ${index / 2 + 1}: what changed in ${topic}?`)
      : answer(
          `m${index}`,
          `Answer ${(index + 1) / 2}: three things changed in *${topic}*:\n\n- one\n- two\n- \`three\``,
        )
  })
}
