import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { CreditBadge } from './credit-badge'

const meta = {
  title: 'Components/CreditBadge',
  component: CreditBadge,
  args: { credits: 6, durationMs: 3241 },
} satisfies Meta<typeof CreditBadge>

export default meta
type Story = StoryObj<typeof meta>

export const Plural: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText('6 credits · 3.2 s')).toBeVisible()
  },
}

export const Singular: Story = {
  args: { credits: 1, durationMs: 850 },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('1 credit · 850 ms')).toBeVisible()
  },
}

export const LongRun: Story = {
  args: { credits: 42, durationMs: 65_000 },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('42 credits · 1 min 5 s')).toBeVisible()
  },
}

export const WithConversationTotal: Story = {
  args: { total: 14 },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('6 credits · 3.2 s · 14 in this chat')).toBeVisible()
  },
}

export const Running: Story = {
  args: { runState: 'running', total: 14 },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('… · 14 in this chat')).toBeVisible()
  },
}

export const Stopped: Story = {
  args: { runState: 'stopped', total: 14 },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Stopped · 14 in this chat')).toBeVisible()
  },
}

export const UnknownRendersNothing: Story = {
  args: { credits: undefined },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.auteryn-credit-badge')).toBeNull()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { total: 14 },
}
