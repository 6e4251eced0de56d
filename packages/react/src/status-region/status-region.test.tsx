import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import type {
  AssistantMessage,
  AssistantStatus,
  ConversationStatus,
  Message,
  MessagePart,
} from '@auteryn/client'
import { StatusRegion } from './status-region'
import type { StatusRegionProps } from './status-region'

const question: Message = { id: 'u1', role: 'user', text: 'Any open P1 bugs?' }

function answer(status: AssistantStatus, parts: MessagePart[] = []): AssistantMessage {
  return { id: 'a1', role: 'assistant', status, parts }
}

function text(value: string): MessagePart {
  return { kind: 'text', text: value }
}

function tool(tool: string, index: number): MessagePart {
  return { kind: 'tool', id: `a1:tool:${index}`, tool, action: 'list_issues', state: 'running' }
}

/** Renders the region and returns a function that feeds it the next conversation state. */
function renderRegion(status: ConversationStatus, messages: Message[], wrap = false) {
  const element = (props: Omit<StatusRegionProps, 'labels'>) =>
    wrap ? (
      <StrictMode>
        <StatusRegion {...props} />
      </StrictMode>
    ) : (
      <StatusRegion {...props} />
    )
  const { rerender } = render(element({ status, messages }))
  const region = screen.getByRole('status')
  const update = (props: Omit<StatusRegionProps, 'labels'>) => rerender(element(props))
  return { region, update }
}

describe('StatusRegion', () => {
  afterEach(cleanup)

  it('is one polite, initially silent live region', () => {
    const { region } = renderRegion('idle', [])
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(region.textContent).toBe('')
    expect(screen.getAllByRole('status')).toHaveLength(1)
  })

  it('announces a full run: responding, tool used, complete', () => {
    const { region, update } = renderRegion('idle', [])
    update({ status: 'submitted', messages: [question, answer('streaming')] })
    expect(region.textContent).toBe('')
    update({ status: 'streaming', messages: [question, answer('streaming')] })
    expect(region.textContent).toBe('Agent is responding')
    update({
      status: 'streaming',
      messages: [question, answer('streaming', [text('Let me check'), tool('github', 1)])],
    })
    expect(region.textContent).toBe('Agent used github')
    update({ status: 'idle', messages: [question, answer('complete', [text('Done')])] })
    expect(region.textContent).toBe('Response complete')
  })

  it('stays silent through 100 text chunks', () => {
    const { region, update } = renderRegion('submitted', [question, answer('streaming')])
    update({ status: 'streaming', messages: [question, answer('streaming')] })
    const spoken = region.firstChild
    expect(region.textContent).toBe('Agent is responding')
    let written = ''
    for (let chunk = 0; chunk < 100; chunk++) {
      written += `token ${chunk} `
      update({ status: 'streaming', messages: [question, answer('streaming', [text(written)])] })
    }
    expect(region.textContent).toBe('Agent is responding')
    // The same node: nothing was re-inserted, so nothing was re-read.
    expect(region.firstChild).toBe(spoken)
  })

  it('announces the same tool twice as two announcements', () => {
    const { region, update } = renderRegion('streaming', [question, answer('streaming')])
    update({ status: 'streaming', messages: [question, answer('streaming', [tool('github', 0)])] })
    const first = region.firstChild
    update({
      status: 'streaming',
      messages: [question, answer('streaming', [tool('github', 0), tool('github', 1)])],
    })
    expect(region.textContent).toBe('Agent used github')
    expect(region.firstChild).not.toBe(first)
  })

  it('announces a stop and a failure with its message', () => {
    const { region, update } = renderRegion('streaming', [question, answer('streaming')])
    update({ status: 'idle', messages: [question, answer('stopped')] })
    expect(region.textContent).toBe('Response stopped')

    const failed: AssistantMessage = {
      ...answer('error'),
      id: 'a2',
      error: { kind: 'http', status: 402, message: 'Out of credits' },
    }
    update({ status: 'streaming', messages: [question, { ...failed, status: 'streaming' }] })
    update({ status: 'error', messages: [question, failed] })
    expect(region.textContent).toBe('Response failed: Out of credits')
  })

  it('announces an error that carries no answer', () => {
    const { region, update } = renderRegion('submitted', [question])
    update({
      status: 'error',
      messages: [question],
      error: { kind: 'network', message: 'Network unreachable' },
    })
    expect(region.textContent).toBe('Response failed: Network unreachable')
  })

  it('with announceFailures off, leaves a failure to another element and stops saying "responding"', () => {
    const failure = { kind: 'http' as const, status: 402, message: 'Out of credits' }
    const messages = (status: AssistantStatus) => [question, { ...answer(status), error: failure }]
    const { rerender } = render(
      <StatusRegion status="submitted" messages={messages('streaming')} announceFailures={false} />,
    )
    const region = screen.getByRole('status')
    rerender(
      <StatusRegion status="streaming" messages={messages('streaming')} announceFailures={false} />,
    )
    expect(region.textContent).toBe('Agent is responding')
    rerender(
      <StatusRegion
        status="error"
        messages={messages('error')}
        error={failure}
        announceFailures={false}
      />,
    )
    expect(region.textContent).toBe('')
    // Everything else is still said.
    rerender(
      <StatusRegion status="streaming" messages={messages('streaming')} announceFailures={false} />,
    )
    rerender(
      <StatusRegion status="idle" messages={messages('complete')} announceFailures={false} />,
    )
    expect(region.textContent).toBe('Response complete')
  })

  it('stays silent when a finished conversation is swapped in', () => {
    const { region, update } = renderRegion('idle', [])
    update({ status: 'idle', messages: [question, answer('complete', [tool('github', 0)])] })
    expect(region.textContent).toBe('')
  })

  it('works the same under StrictMode', () => {
    const { region, update } = renderRegion('submitted', [question, answer('streaming')], true)
    update({ status: 'streaming', messages: [question, answer('streaming')] })
    expect(region.textContent).toBe('Agent is responding')
    update({ status: 'idle', messages: [question, answer('complete')] })
    expect(region.textContent).toBe('Response complete')
  })

  it('says "reconnecting" once per outage, and nothing when the stream goes on', () => {
    const { region, update } = renderRegion('idle', [])
    update({ status: 'submitted', messages: [question, answer('streaming')] })
    update({ status: 'streaming', messages: [question, answer('streaming', [text('Let')])] })
    expect(region.textContent).toBe('Agent is responding')
    update({ status: 'reconnecting', messages: [question, answer('streaming', [text('Let')])] })
    expect(region.textContent).toBe('Connection lost. Reconnecting…')
    // A second attempt of the same outage is a new state with the same status: no new words.
    const said = region.firstChild
    update({ status: 'reconnecting', messages: [question, answer('streaming', [text('Let')])] })
    update({ status: 'streaming', messages: [question, answer('streaming', [text('Let me')])] })
    update({
      status: 'streaming',
      messages: [question, answer('streaming', [text('Let me check')])],
    })
    // Each announcement is a fresh node: the one said at the cut is still the last one.
    expect(region.firstChild).toBe(said)
    expect(region.textContent).toBe('Connection lost. Reconnecting…')
    update({ status: 'idle', messages: [question, answer('complete', [text('Let me check')])] })
    expect(region.textContent).toBe('Response complete')
  })
})
