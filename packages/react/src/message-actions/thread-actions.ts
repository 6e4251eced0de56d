import type { AssistantMessage, MessageFeedback } from '@auteryn/client'
import type { ReactNode } from 'react'

/** An app's own action on an answer, shown after the built-in ones. */
export interface MessageAction {
  /** A key unique among the custom actions. */
  id: string
  /** The button's text and accessible name. */
  label: string
  /** Shown before the label, hidden from assistive technology. Default: none. */
  icon?: ReactNode
  /** Called with the answer the button belongs to. */
  onSelect: (message: AssistantMessage) => void
  /** Leaves the action off an answer when it returns `false`. Default: on every settled answer. */
  when?: (message: AssistantMessage) => boolean
}

/** Which actions messages offer. Each built-in one also needs its callback (or the chat's). */
export interface MessageActionOptions {
  /** "Copy" (the answer's markdown) and "Copy as text". Default `true`. */
  copy?: boolean
  /** "Regenerate" on the last answer: a new run of the same question. Default `true`. */
  regenerate?: boolean
  /** "Edit" on the last question: change it and send it again. Default `true`. */
  edit?: boolean
  /** Thumbs up and down, with an optional comment. Default `true`. */
  feedback?: boolean
  /** The app's own actions. Default: none. */
  custom?: readonly MessageAction[]
}

/** What every message of a thread shares about actions: one object, changed only when they do. */
export interface ThreadActions {
  copy: boolean
  custom: readonly MessageAction[]
  /** The answer that may be regenerated: the last message, settled, while nothing runs. */
  regenerableId?: string
  /** The question that may be edited: the last one, while nothing runs. */
  editableId?: string
  /** The version shown per answer, when it is not the latest. */
  shownVersions: ReadonlyMap<string, number>
  showVersion: (messageId: string, index: number) => void
  regenerate: ((messageId: string) => void) | undefined
  edit: ((messageId: string, text: string) => void) | undefined
  feedback: ((message: AssistantMessage, feedback: MessageFeedback | undefined) => void) | undefined
}
