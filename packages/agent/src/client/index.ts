/**
 * `durable-agent/client`: everything a process that starts, follows and serves runs needs — `Agent`,
 * AG-UI events, run views, journals, conversation stores and the AG-UI HTTP handler — and nothing of the
 * worker: it does not load `@temporalio/worker` (its native core bridge, SWC and webpack), so an app
 * that only talks to agents installs `durable-agent` without it.
 */
export { AttachmentFolder } from '../attachments/attachment-folder';
export { AgentError, type AgentErrorCode, assertNever } from '../common/errors';
export {
  type AgentEvent,
  asControlEvent,
  type ControlEvent,
  ControlEventName,
  EventType,
  isTerminalEvent,
} from '../common/events';
export { DEFAULT_TASK_QUEUE, type RunAddress, toWorkflowId } from '../common/names';
export type {
  AgentMode,
  AgentRunInput,
  AgentRunResult,
  ApprovalDecision,
  ApprovalPolicy,
  AttemptUsage,
  ClientToolSpecification,
  ConversationMessage,
  PendingApproval,
  RunStatus,
  SubAgentRunSummary,
  TextInEvents,
  Usage,
} from '../common/types';
export { parseWorkflowId } from '../common/workflow-id';
export type { ConversationStore, RecordingConversationStore } from '../conversations/conversation-store';
export { InMemoryConversationStore } from '../conversations/in-memory-conversation-store';
export { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
export { buildConversationExport } from '../export/build-conversation-export';
export { conversationMarkdown } from '../export/conversation-markdown';
export {
  CONVERSATION_EXPORT_FORMAT,
  type ConversationExport,
  type ExportedAttempt,
  type ExportedRun,
} from '../export/export-document';
export { parseConversationExport } from '../export/parse-conversation-export';
export {
  FollowedRun,
  type FollowNotice,
  type FollowOptions,
  type FollowState,
  followNoticeOf,
  type UnplacedRunEntry,
  undefinedWhenStopped,
} from '../runs/followed-run';
export { InMemoryRunJournal } from '../runs/in-memory-run-journal';
export * from '../runs/index';
export { type RetryStoringOptions, retryStoring } from '../runs/retry-storing';
export {
  type FollowedRunKey,
  RunFollower,
  type RunFollowerOptions,
  type StartFollowing,
} from '../runs/run-follower';
export { RunFollowers, type RunFollowersOptions } from '../runs/run-followers';
export type { RunEnding, RunEntry, RunJournal } from '../runs/run-journal';
export { describeTemporal, sameTemporal, type TemporalIdentity } from '../runs/temporal-identity';
export { type SubAgentMilestone, type SubAgentStart, watchSubAgent } from '../runs/watch-sub-agent';
export { describeWorkerLoss, type WorkerLoss } from '../runs/worker-loss-line';
export { type AgUiHandler, type AgUiHandlerOptions, createAgUiHandler } from '../serve/agui-handler';
export type { EndpointAccess } from '../serve/endpoint-access';
export type { TemporalOptions } from '../temporal/temporal-options';
export type { TemporalTlsOptions } from '../temporal/temporal-tls';
export { Agent } from './agent';
export { AgentCache } from './agent-cache';
export type { AgentOptions, StreamOptions, SubmitOptions, ToolResult } from './agent-options';
export { AgentRun } from './agent-run';
export { followWithAgent } from './follow-with-agent';
export type { AttachmentInput } from './run-attachments';
export { DEADLINE_EXCEEDED, noWorkerMessage } from './run-outcome';
