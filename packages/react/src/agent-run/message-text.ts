import type { Message } from '@auteryn/client'

/** The plain text of a message: a user's question, or an answer's text parts joined (tools left out). */
export function messageText(message: Message): string {
  if (message.role === 'user') return message.text
  return message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')
}
