import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { hostileAnswer, longAnswer } from '../chat-thread/story-fixtures'
import { Markdown } from './markdown'
import { hardCases } from './flicker-corpus'
import { SlowStream } from './streaming-story'

const everyHardCase = Object.values(hardCases).join('\n\n')
const streamsUntilItFinishes = async (canvasElement: HTMLElement) => {
  await waitFor(() => expect(canvasElement.querySelector('.auteryn-caret')).not.toBeNull())
  const markdown = canvasElement.querySelector('.auteryn-markdown')
  await waitFor(() => expect(markdown?.getAttribute('data-state')).toEqual('complete'), {
    timeout: 15_000,
  })
  await expect(canvasElement.querySelector('.auteryn-caret')).toBeNull()
  await expect(canvasElement.querySelector('table')).not.toBeNull()
}

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

/** Every hard case of the flicker test, written out slowly: no `**`, `[`, `|` or fence flashes. */
export const StreamingEveryHardCase: Story = {
  args: { text: everyHardCase },
  render: ({ text }) => <SlowStream text={text} step={24} interval={30} />,
  play: async ({ canvasElement }) => streamsUntilItFinishes(canvasElement),
}

export const StreamingEveryHardCaseDark: Story = {
  ...StreamingEveryHardCase,
  globals: { theme: 'dark' },
}

export const StreamingRightToLeft: Story = {
  args: { text: hardCases['CJK and RTL'] ?? '' },
  render: ({ text }) => (
    <div dir="rtl" lang="ar">
      <SlowStream text={text} step={4} interval={30} />
    </div>
  ),
  play: async ({ canvasElement }) => streamsUntilItFinishes(canvasElement),
}
