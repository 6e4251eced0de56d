import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent } from 'storybook/test'
import type { AgentRunErrorInfo, ConversationStatus, Message } from '@auteryn/client'
import { StatusRegion } from './status-region'

interface Step {
  title: string
  status: ConversationStatus
  messages: Message[]
  error?: AgentRunErrorInfo
}

const question: Message = { id: 'u1', role: 'user', text: 'Any open P1 bugs?' }
const text = (value: string) => ({ kind: 'text' as const, text: value })
const githubCall = {
  kind: 'tool' as const,
  id: 'a1:tool:1',
  tool: 'github',
  action: 'list_issues',
  params: { state: 'open', label: 'P1' },
  state: 'running' as const,
}

/** One run, step by step, as the store would hand it to the region. */
const run: Step[] = [
  { title: 'Idle', status: 'idle', messages: [] },
  {
    title: 'Submitted',
    status: 'submitted',
    messages: [question, { id: 'a1', role: 'assistant', status: 'streaming', parts: [] }],
  },
  {
    title: 'First text chunk',
    status: 'streaming',
    messages: [
      question,
      { id: 'a1', role: 'assistant', status: 'streaming', parts: [text('Let me check')] },
    ],
  },
  {
    title: 'More text',
    status: 'streaming',
    messages: [
      question,
      { id: 'a1', role: 'assistant', status: 'streaming', parts: [text('Let me check the bugs…')] },
    ],
  },
  {
    title: 'Tool call',
    status: 'streaming',
    messages: [
      question,
      {
        id: 'a1',
        role: 'assistant',
        status: 'streaming',
        parts: [text('Let me check the bugs…'), githubCall],
      },
    ],
  },
  {
    title: 'Completed',
    status: 'idle',
    messages: [
      question,
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        parts: [text('Let me check the bugs…'), { ...githubCall, state: 'done', result: 3 }],
      },
    ],
  },
]

function Walkthrough({
  steps,
  visible,
  announceFailures,
}: {
  steps: Step[]
  visible: boolean
  announceFailures?: boolean
}) {
  const [index, setIndex] = useState(0)
  const step = steps[index] ?? steps[0]!
  const last = index === steps.length - 1
  return (
    <div style={{ display: 'grid', gap: 12, justifyItems: 'start' }}>
      <p style={{ margin: 0 }}>
        Step {index + 1} of {steps.length}: {step.title}
      </p>
      <button type="button" disabled={last} onClick={() => setIndex(index + 1)}>
        Next step
      </button>
      <StatusRegion
        status={step.status}
        messages={step.messages}
        error={step.error}
        visible={visible}
        announceFailures={announceFailures}
        style={visible ? { color: 'var(--auteryn-text-muted)' } : undefined}
      />
    </div>
  )
}

const meta = {
  title: 'Components/StatusRegion',
  component: StatusRegion,
  args: { status: 'idle', messages: [] },
} satisfies Meta<typeof StatusRegion>

export default meta
type Story = StoryObj<typeof meta>

/** Shown on screen here; in a chat it is visually hidden and only screen readers hear it. */
export const ARun: Story = {
  render: () => <Walkthrough steps={run} visible />,
  play: async ({ canvas }) => {
    const region = canvas.getByRole('status')
    const next = canvas.getByRole('button', { name: 'Next step' })
    const heard: string[] = []
    for (let step = 1; step < run.length; step++) {
      await userEvent.click(next)
      heard.push(region.textContent ?? '')
    }
    await expect(heard).toEqual([
      '',
      'Agent is responding',
      'Agent is responding',
      'Agent used github',
      'Response complete',
    ])
  },
}

const failure: AgentRunErrorInfo = { kind: 'http', status: 402, message: 'Out of credits' }

const failedRun: Step[] = [
  run[1]!,
  run[2]!,
  {
    title: 'Failed',
    status: 'error',
    error: failure,
    messages: [
      question,
      { id: 'a1', role: 'assistant', status: 'error', parts: [], error: failure },
    ],
  },
]

export const AFailedRun: Story = {
  render: () => <Walkthrough visible steps={failedRun} />,
  play: async ({ canvas }) => {
    const next = canvas.getByRole('button', { name: 'Next step' })
    await userEvent.click(next)
    await userEvent.click(next)
    await expect(canvas.getByRole('status')).toHaveTextContent('Response failed: Out of credits')
  },
}

/**
 * `announceFailures={false}`: another element (such as `<AgentChat>`'s alert banner) says why in
 * its own words, so the failure is heard once; the region only stops saying "Agent is responding".
 */
export const AFailureSaidElsewhere: Story = {
  render: () => <Walkthrough visible steps={failedRun} announceFailures={false} />,
  play: async ({ canvas }) => {
    const next = canvas.getByRole('button', { name: 'Next step' })
    await userEvent.click(next)
    await expect(canvas.getByRole('status')).toHaveTextContent('Agent is responding')
    await userEvent.click(next)
    await expect(canvas.getByRole('status').textContent).toBe('')
  },
}

export const VisuallyHidden: Story = {
  render: () => <Walkthrough steps={run} visible={false} />,
}
