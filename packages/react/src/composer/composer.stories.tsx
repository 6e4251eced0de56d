import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import type { ConversationStatus } from '@auteryn/client'
import { Composer } from './composer'

const meta = {
  title: 'Components/Composer',
  component: Composer,
  args: { onSend: fn(), onStop: fn(), status: 'idle' },
  argTypes: {
    status: { control: 'inline-radio', options: ['idle', 'submitted', 'streaming', 'error'] },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Composer>

export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = {
  play: async ({ args, canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await userEvent.type(input, 'Any open P1 bugs?{Enter}')
    await expect(args.onSend).toHaveBeenCalledTimes(1)
    await expect(args.onSend).toHaveBeenCalledWith('Any open P1 bugs?')
    await expect(input).toHaveValue('')
  },
}

export const ShiftEnterAddsALine: Story = {
  play: async ({ args, canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await userEvent.type(input, 'first line{Shift>}{Enter}{/Shift}second line')
    await expect(input).toHaveValue('first line\nsecond line')
    await expect(args.onSend).not.toHaveBeenCalled()
  },
}

export const EmptyIsRefused: Story = {
  play: async ({ args, canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' })
    const send = canvas.getByRole('button', { name: 'Send' })
    await expect(send).toBeDisabled()
    await userEvent.type(input, '   {Enter}')
    await expect(send).toBeDisabled()
    await expect(args.onSend).not.toHaveBeenCalled()
  },
}

export const KeepsTheDraftWhenSendingFails: Story = {
  args: { onSend: fn(() => Promise.reject(new Error('402: out of credits'))) },
  play: async ({ args, canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await userEvent.type(input, 'Summarise the release notes{Enter}')
    await expect(args.onSend).toHaveBeenCalledTimes(1)
    await expect(await canvas.findByRole('button', { name: 'Send' })).toBeEnabled()
    await expect(input).toHaveValue('Summarise the release notes')
  },
}

export const Streaming: Story = {
  args: { status: 'streaming' },
  play: async ({ args, canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await expect(canvas.queryByRole('button', { name: 'Send' })).toBeNull()
    await userEvent.type(input, 'next question{Enter}')
    await expect(args.onSend).not.toHaveBeenCalled()
    await userEvent.keyboard('{Escape}')
    await expect(args.onStop).toHaveBeenCalledTimes(1)
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await expect(args.onStop).toHaveBeenCalledTimes(2)
  },
}

export const Disabled: Story = {
  args: { disabled: true, placeholder: 'Sign in to ask the agent' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toBeDisabled()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
  },
}

const longDraft = Array.from(
  { length: 14 },
  (_, line) => `Line ${line + 1}: the draft keeps growing until it reaches its maximum height.`,
).join('\n')

export const LongDraftGrows: Story = {
  args: { defaultValue: longDraft },
  play: async ({ canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Message' })
    // Taller than one line, but capped: past the cap the box scrolls instead of growing.
    await expect(input.offsetHeight).toBeGreaterThan(80)
    await expect(input.offsetHeight).toBeLessThanOrEqual(201)
    await expect(input.scrollHeight).toBeGreaterThan(input.clientHeight)
  },
}

export const RightToLeft: Story = {
  args: {
    defaultValue: 'ما هي المشكلات المفتوحة ذات الأولوية القصوى؟',
    labels: { message: 'رسالة', send: 'إرسال', stop: 'إيقاف', placeholder: 'اسأل الوكيل…' },
  },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('textbox', { name: 'رسالة' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'إرسال' })).toBeEnabled()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { defaultValue: 'Which pull requests are waiting for review?' },
}

export const DarkStreaming: Story = {
  globals: { theme: 'dark' },
  args: { status: 'streaming' },
}

/** Send starts a pretend run; Stop or Escape ends it, as with `useAgentRun`. */
export const Live: Story = {
  render: function LiveComposer(args) {
    const [status, setStatus] = useState<ConversationStatus>('idle')
    return (
      <Composer
        {...args}
        status={status}
        onSend={(text) => {
          args.onSend(text)
          setStatus('streaming')
        }}
        onStop={() => {
          args.onStop()
          setStatus('idle')
        }}
      />
    )
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Start{Enter}')
    await userEvent.click(await canvas.findByRole('button', { name: 'Stop' }))
    await expect(args.onStop).toHaveBeenCalledTimes(1)
    await expect(await canvas.findByRole('button', { name: 'Send' })).toBeDisabled()
  },
}
