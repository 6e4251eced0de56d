import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ConversationStatus } from '@auteryn/client'
import { Composer } from './composer'
import type { ComposerProps } from './composer'

function setup(props: Partial<ComposerProps> = {}) {
  const onSend = vi.fn<ComposerProps['onSend']>()
  const onStop = vi.fn()
  const user = userEvent.setup()
  render(<Composer onSend={onSend} onStop={onStop} {...props} />)
  const input = screen.getByRole('textbox', { name: 'Message' })
  return { onSend: props.onSend ?? onSend, onStop: props.onStop ?? onStop, user, input }
}

/** A parent that behaves like useAgentRun: sending starts a run, stopping ends it. */
function LiveComposer({ onSend, onStop }: Pick<ComposerProps, 'onSend' | 'onStop'>) {
  const [status, setStatus] = useState<ConversationStatus>('idle')
  return (
    <Composer
      status={status}
      onSend={(text) => {
        setStatus('submitted')
        return onSend(text)
      }}
      onStop={() => {
        setStatus('idle')
        onStop()
      }}
    />
  )
}

describe('Composer', () => {
  afterEach(cleanup)

  it('sends the trimmed text on Enter and clears the draft', async () => {
    const { onSend, user, input } = setup()
    await user.type(input, '  hello agent  {Enter}')
    expect(onSend).toHaveBeenCalledTimes(1)
    expect(onSend).toHaveBeenCalledWith('hello agent')
    expect(input).toHaveProperty('value', '')
  })

  it('adds a line on Shift+Enter instead of sending', async () => {
    const { onSend, user, input } = setup()
    await user.type(input, 'first{Shift>}{Enter}{/Shift}second')
    expect(onSend).not.toHaveBeenCalled()
    expect(input).toHaveProperty('value', 'first\nsecond')
  })

  it('never sends on the Enter that confirms an IME composition', async () => {
    const { onSend, user, input } = setup()
    await user.type(input, 'nihao')
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }),
    )
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true }))
    expect(onSend).not.toHaveBeenCalled()
    expect(input).toHaveProperty('value', 'nihao')
  })

  it('sends with the Send button', async () => {
    const { onSend, user, input } = setup()
    await user.type(input, 'by click')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledWith('by click')
  })

  it('refuses empty and whitespace-only input', async () => {
    const { onSend, user, input } = setup()
    const send = screen.getByRole('button', { name: 'Send' })
    expect(send).toHaveProperty('disabled', true)
    await user.type(input, '   {Shift>}{Enter}{/Shift}  {Enter}')
    expect(onSend).not.toHaveBeenCalled()
    expect(send).toHaveProperty('disabled', true)
  })

  it('keeps the draft when onSend returns false', async () => {
    const { onSend, user, input } = setup({ onSend: vi.fn(() => false) })
    await user.type(input, 'keep me{Enter}')
    expect(onSend).toHaveBeenCalledTimes(1)
    expect(input).toHaveProperty('value', 'keep me')
  })

  it('keeps the draft when the send rejects, without an unhandled rejection', async () => {
    const onSend = vi.fn(() => Promise.reject(new Error('402 out of credits')))
    const { user, input } = setup({ onSend })
    await user.type(input, 'keep me{Enter}')
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false),
    )
    expect(input).toHaveProperty('value', 'keep me')
  })

  it('keeps the draft when an async send resolves to false', async () => {
    const { user, input } = setup({ onSend: vi.fn(() => Promise.resolve(false)) })
    await user.type(input, 'keep me{Enter}')
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false),
    )
    expect(input).toHaveProperty('value', 'keep me')
  })

  it('keeps what was typed while the send was pending', async () => {
    let resolveSend = () => {}
    const onSend = vi.fn(() => new Promise<void>((resolve) => (resolveSend = resolve)))
    const { user, input } = setup({ onSend })
    await user.type(input, 'first{Enter} and more')
    resolveSend()
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false),
    )
    expect(input).toHaveProperty('value', 'first and more')
  })

  it('keeps the draft when onSend throws', async () => {
    const onSend = vi.fn(() => {
      throw new Error('boom')
    })
    const { user, input } = setup({ onSend })
    await user.type(input, 'keep me{Enter}')
    expect(input).toHaveProperty('value', 'keep me')
  })

  it('clears the draft once an async send resolves', async () => {
    const { user, input } = setup({ onSend: vi.fn(() => Promise.resolve()) })
    await user.type(input, 'async{Enter}')
    await vi.waitFor(() => expect(input).toHaveProperty('value', ''))
  })

  it('sends once while a send is pending, however often Enter is pressed', async () => {
    let resolveSend = () => {}
    const onSend = vi.fn(() => new Promise<void>((resolve) => (resolveSend = resolve)))
    const { user, input } = setup({ onSend })
    await user.type(input, 'once{Enter}{Enter}{Enter}')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledTimes(1)
    resolveSend()
    await vi.waitFor(() => expect(input).toHaveProperty('value', ''))
  })

  it('turns Send into Stop while an answer runs, and Escape stops it', async () => {
    for (const status of ['submitted', 'streaming'] as const) {
      const { onSend, onStop, user, input } = setup({ status })
      expect(screen.queryByRole('button', { name: 'Send' })).toBeNull()
      await user.type(input, 'next question{Enter}')
      expect(onSend).not.toHaveBeenCalled()
      await user.keyboard('{Escape}')
      expect(onStop).toHaveBeenCalledTimes(1)
      await user.click(screen.getByRole('button', { name: 'Stop' }))
      expect(onStop).toHaveBeenCalledTimes(2)
      cleanup()
    }
  })

  it('does not stop on Escape when nothing runs', async () => {
    const { onStop, user, input } = setup({ status: 'idle' })
    await user.type(input, 'x{Escape}')
    expect(onStop).not.toHaveBeenCalled()
  })

  it('does not stop the run a double-click on Send just started', async () => {
    const onSend = vi.fn()
    const onStop = vi.fn()
    const user = userEvent.setup()
    render(<LiveComposer onSend={onSend} onStop={onStop} />)
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'paid run')
    await user.dblClick(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledTimes(1)
    expect(onStop).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Stop' })).toHaveProperty('disabled', false)
  })

  it('shows the status and passes DOM props and classes through', () => {
    const { container } = render(
      <Composer
        onSend={() => {}}
        onStop={() => {}}
        status="streaming"
        className="mine"
        aria-label="Ask"
        data-testid="composer"
      />,
    )
    const form = container.querySelector('form')
    expect(form?.getAttribute('data-state')).toBe('streaming')
    expect(form?.className).toBe('auteryn-composer mine')
    expect(screen.getByRole('form', { name: 'Ask' })).toBe(form)
  })

  it('disables typing and sending but keeps Stop usable', async () => {
    const { onStop, user, input } = setup({ disabled: true, status: 'streaming' })
    expect(input).toHaveProperty('disabled', true)
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    expect(onStop).toHaveBeenCalledTimes(1)
  })

  it('takes its strings from labels', () => {
    render(
      <Composer
        onSend={() => {}}
        onStop={() => {}}
        labels={{ message: 'Nachricht', send: 'Senden', placeholder: 'Frage…' }}
      />,
    )
    const input = screen.getByRole('textbox', { name: 'Nachricht' })
    expect(input.getAttribute('placeholder')).toBe('Frage…')
    expect(screen.getByRole('button', { name: 'Senden' })).toBeDefined()
  })
})
