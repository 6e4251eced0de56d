import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { hostileAnswer, longAnswer } from '../chat-thread/story-fixtures'
import { Markdown } from './markdown'

const meta = {
  title: 'Components/Markdown',
  component: Markdown,
  args: { text: longAnswer, streaming: false },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Markdown>

export default meta
type Story = StoryObj<typeof meta>

export const Everything: Story = {}

export const UnclosedFenceWhileStreaming: Story = {
  args: {
    text: 'Here is the fix:\n\n```ts\nexport function sessionTtl(config) {\n  return',
    streaming: true,
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('pre code')?.textContent).toContain('sessionTtl')
  },
}

export const Hostile: Story = {
  args: { text: hostileAnswer },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('script, img, a[href^="javascript" i]')).toBeNull()
  },
}
