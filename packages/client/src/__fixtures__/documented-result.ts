/** The reference's `stream: false` response, as on the wire and as `parseRunResult` returns it. */
export const documentedWireResult = {
  run_id: 'run_abc123',
  task_id: 'task_xyz789',
  status: 'completed',
  output: 'There are 3 open P1 issues',
  credits_used: 6,
  duration_ms: 3241,
  tool_calls: [
    { tool: 'github', action: 'list_issues', params: { state: 'open' }, result_summary: 'Found 3' },
  ],
}

export const documentedResult = {
  runId: 'run_abc123',
  taskId: 'task_xyz789',
  status: 'completed',
  output: 'There are 3 open P1 issues',
  creditsUsed: 6,
  durationMs: 3241,
  toolCalls: [
    { tool: 'github', action: 'list_issues', params: { state: 'open' }, resultSummary: 'Found 3' },
  ],
}
