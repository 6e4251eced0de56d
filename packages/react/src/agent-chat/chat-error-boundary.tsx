'use client'
import { Component, Fragment, type ReactNode } from 'react'

export interface ChatErrorBoundaryProps {
  /**
   * Called once when rendering the conversation throws, before the fallback shows: the place to
   * forget what crashed (a stored conversation), so that a reload does not crash again.
   */
  onCrash: (error: unknown) => void
  /** Shown instead of the conversation after a crash; `startOver` renders the children afresh. */
  fallback: (startOver: () => void) => ReactNode
  children: ReactNode
}

interface ChatErrorBoundaryState {
  crashed: boolean
  /** Bumped by `startOver`, so the children mount again instead of reusing crashed state. */
  generation: number
}

/** Keeps a crash in the conversation's rendering inside the chat, never the app's whole page. */
export class ChatErrorBoundary extends Component<ChatErrorBoundaryProps, ChatErrorBoundaryState> {
  override state: ChatErrorBoundaryState = { crashed: false, generation: 0 }

  static getDerivedStateFromError(): Partial<ChatErrorBoundaryState> {
    return { crashed: true }
  }

  override componentDidCatch(error: unknown) {
    this.props.onCrash(error)
  }

  startOver = () => {
    this.setState(({ generation }) => ({ crashed: false, generation: generation + 1 }))
  }

  override render() {
    if (this.state.crashed) return this.props.fallback(this.startOver)
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>
  }
}
