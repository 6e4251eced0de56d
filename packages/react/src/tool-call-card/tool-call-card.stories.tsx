import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent } from 'storybook/test'
import { ToolCallCard } from './tool-call-card'

const meta = {
  title: 'Components/ToolCallCard',
  component: ToolCallCard,
  args: {
    tool: 'github',
    action: 'list_issues',
    params: { repo: 'acme/api', state: 'open', label: 'P1' },
    state: 'done',
    result: { count: 3, numbers: [475, 479, 482] },
    durationMs: 842,
    defaultOpen: true,
  },
  argTypes: {
    state: {
      control: 'inline-radio',
      options: ['running', 'done', 'error', 'no-result'],
    },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ToolCallCard>

export default meta
type Story = StoryObj<typeof meta>

export const Running: Story = {
  args: { state: 'running', result: undefined, durationMs: undefined },
}

export const Done: Story = {}

export const Failed: Story = {
  args: { state: 'error', result: { error: 'Bad credentials', status: 401 } },
}

export const NoResult: Story = {
  args: { state: 'no-result', result: undefined, durationMs: undefined },
}

export const OrphanResult: Story = {
  args: { action: undefined, params: undefined, result: { count: 12 } },
}

export const EveryState: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: 8 }}>
      {(['running', 'done', 'error', 'no-result'] as const).map((state) => (
        <ToolCallCard key={state} {...args} state={state} defaultOpen={false} />
      ))}
    </div>
  ),
}

const rows = Array.from({ length: 400 }, (_, index) => ({
  number: 1000 + index,
  title: `Issue ${index}: something is slow`,
  labels: ['bug', index % 3 === 0 ? 'P1' : 'P3'],
  nested: { a: { b: { c: { d: { e: { f: 'deep' } } } } } },
}))

export const LargeValuesShowMore: Story = {
  args: { params: { query: 'is:open', limit: 400 }, result: rows },
  play: async ({ canvas }) => {
    await expect(canvas.queryByText(/Issue 300/)).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }))
    await expect(canvas.getByText(/Issue 300/)).toBeInTheDocument()
    await userEvent.click(canvas.getByRole('button', { name: 'Show less' }))
    await expect(canvas.queryByText(/Issue 300/)).toBeNull()
  },
}

export const Copy: Story = {
  play: async ({ canvas }) => {
    const copied: string[] = []
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
    })
    await userEvent.click(canvas.getByRole('button', { name: 'Copy parameters' }))
    await expect(await canvas.findByRole('button', { name: 'Copied' })).toBeInTheDocument()
    await expect(JSON.parse(copied[0] ?? 'null')).toEqual({
      repo: 'acme/api',
      state: 'open',
      label: 'P1',
    })
  },
}

export const Collapse: Story = {
  args: { defaultOpen: false },
  play: async ({ canvas }) => {
    const toggle = canvas.getByRole('button', { name: /github\.list_issues/ })
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await userEvent.click(toggle)
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(canvas.getByText('Parameters')).toBeVisible()
    await userEvent.keyboard('{Enter}')
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await userEvent.keyboard(' ')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  },
}

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  render: EveryState.render,
}
