import type { Message } from '@auteryn/client'

/** How the bench drives a chat it mounted, whichever pipeline renders it. */
export interface ChatControls {
  /** Starts the measured run (one request through the page's SSE `fetch`). */
  send: (query: string) => void
  /** The messages of the last commit: the bench reads the finished answer from here. */
  rendered: Message[]
}

export const createChatControls = (): ChatControls => ({ send: () => {}, rendered: [] })
