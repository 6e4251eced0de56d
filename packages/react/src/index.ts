export { Composer } from './composer/composer'
export type { ComposerProps, ComposerSendResult } from './composer/composer'
export { CreditBadge } from './credit-badge/credit-badge'
export type { CreditBadgeProps, CreditRunState } from './credit-badge/credit-badge'
export { formatDuration } from './credit-badge/format-duration'
export { StatusRegion } from './status-region/status-region'
export type { StatusRegionProps } from './status-region/status-region'
export { announcementFor } from './status-region/announcement'
export type { AnnouncementSnapshot } from './status-region/announcement'
export { visuallyHidden } from './status-region/visually-hidden'
export { ChatThread } from './chat-thread/chat-thread'
export type { ChatThreadProps } from './chat-thread/chat-thread'
export type { RenderTool } from './chat-thread/message-view'
export { ToolCallCard } from './tool-call-card/tool-call-card'
export type { ToolCallCardProps } from './tool-call-card/tool-call-card'
export { findToolRenderer } from './tool-call-card/tool-renderers'
export { humanizeToolName, summarizeParams } from './tool-call-card/summarize-params'
export type {
  ToolRenderer,
  ToolRendererProps,
  ToolRenderers,
} from './tool-call-card/tool-renderers'
export { Markdown } from './markdown/markdown'
export type { MarkdownProps } from './markdown/markdown'
export type { ImageAllowlist } from './markdown/safe-url'
export type { CodeHighlighter } from './markdown/code-block'
export { useAgentRun } from './agent-run/use-agent-run'
export type { AgentRun } from './agent-run/use-agent-run'
export type {
  AgentRunActions,
  AgentRunHandle,
  UseAgentRunOptions,
} from './agent-run/use-run-controller'
export type {
  RunFinish,
  RunFinishReason,
  RunSettings,
  SendOptions,
} from './agent-run/run-controller'
export { AgentRunProvider } from './agent-run/agent-run-provider'
export type { AgentRunProviderProps, AgentRunContextValue } from './agent-run/agent-run-provider'
export { useConversation, useAgentRunActions } from './agent-run/use-conversation'
export { messageText } from './agent-run/message-text'
export { AgentChat } from './agent-chat/agent-chat'
export type { AgentChatProps } from './agent-chat/agent-chat'
export { ErrorBanner } from './agent-chat/error-banner'
export type { ErrorBannerProps } from './agent-chat/error-banner'
export { Suggestions } from './agent-chat/suggestions'
export type { SuggestionsProps } from './agent-chat/suggestions'
export { ThreadList } from './thread-list/thread-list'
export type { ThreadListProps } from './thread-list/thread-list'
