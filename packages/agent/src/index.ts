/** durable-agent: AI agents whose runs are Temporal workflows. */

export type { ActivityEvent } from './activities/dependencies';
export { AttachmentFolder } from './attachments/attachment-folder';
export { Agent } from './client/agent';
export { AgentCache } from './client/agent-cache';
export type { AgentOptions, StreamOptions, SubmitOptions, ToolResult } from './client/agent-options';
export { AgentRun, type ClientIdentity, type RunExecution } from './client/agent-run';
export {
  type AgentSchedule,
  AgentSchedules,
  type CreateScheduleOptions,
  type ScheduleTiming,
} from './client/agent-schedules';
export type { BudgetOptions } from './client/budget-options';
export { collectRunExport } from './client/collect-run-export';
export type { ConversationRun } from './client/conversation-runs';
export { DEFAULT_PRICES } from './client/default-prices';
export type { FailLostActivitiesOptions, LostActivity } from './client/fail-lost-activities';
export { followWithAgent } from './client/follow-with-agent';
export type { JsonSchema, OutputSchema, RunResultWithOutput } from './client/output-schema';
export type { AttachmentInput } from './client/run-attachments';
export { DEADLINE_EXCEEDED, noWorkerMessage } from './client/run-outcome';
export {
  BUDGET_APPROVAL_TOOL,
  type BudgetBreach,
  type BudgetLimitName,
  type BudgetLimits,
  type BudgetSpend,
  budgetQuestion,
  formatAmount,
  type ModelPrice,
  type PriceTable,
} from './common/budget';
export { formatDuration, parseDuration } from './common/duration';
export { AgentError, type AgentErrorCode, assertNever } from './common/errors';
export {
  type AgentEvent,
  asControlEvent,
  type ControlEvent,
  ControlEventName,
  EventType,
  isTerminalEvent,
} from './common/events';
export { DEFAULT_TASK_QUEUE, type RunAddress, toWorkflowId } from './common/names';
export {
  breakDownUsage,
  describeModelCalls,
  emptyRunResult,
  type UsageBreakdown,
  withRunCounts,
  ZERO_BREAKDOWN,
} from './common/run-usage';
export type {
  AgentMode,
  AgentRunInput,
  AgentRunResult,
  ApprovalDecision,
  ApprovalPolicy,
  AttemptUsage,
  ClientToolSpecification,
  ConversationMessage,
  OutputSpecification,
  PendingApproval,
  RunStatus,
  SubAgentRunSummary,
  TextInEvents,
  Usage,
} from './common/types';
export { parseWorkflowId } from './common/workflow-id';
export type { ConversationStore, RecordingConversationStore } from './conversations/conversation-store';
export { InMemoryConversationStore } from './conversations/in-memory-conversation-store';
export { SqliteConversationStore } from './conversations/sqlite-conversation-store';
export { devServerDynamicConfig, type TemporalLogLevel } from './dev-server/dev-server-arguments';
export { findTemporalCli } from './dev-server/find-temporal-cli';
export {
  isTemporalReachable,
  probeTemporal,
  type TemporalProbeResult,
} from './dev-server/is-temporal-reachable';
export { TemporalDevServer, type TemporalDevServerStatus } from './dev-server/temporal-dev-server';
export type {
  TemporalDevServerExit,
  TemporalDevServerOptions,
} from './dev-server/temporal-dev-server-options';
export { describeTemporalLog, type TemporalLogSummary } from './dev-server/temporal-log';
export { buildConversationExport } from './export/build-conversation-export';
export { conversationMarkdown } from './export/conversation-markdown';
export {
  CONVERSATION_EXPORT_FORMAT,
  type ConversationExport,
  type ExportedAttempt,
  type ExportedRun,
  type ExportedTree,
  type ExportedTreeMessage,
} from './export/export-document';
export { parseConversationExport } from './export/parse-conversation-export';
export {
  countTokens,
  type DemoModel,
  type DemoModelFault,
  type DemoModelOptions,
  startDemoModel,
} from './llm/demo-model';
export { endpointModelName, modelEndpoints } from './llm/model-endpoints';
export {
  type AttachmentContent,
  type ModelChunk,
  ModelError,
  type ModelMessage,
  type ModelProvider,
  type ModelRequest,
  type ResponseFormat,
  type ToolSpecification,
} from './llm/model-provider';
export { type OpenAICompatibleOptions, openAICompatible } from './llm/openai-compatible';
export {
  isProcessAlive,
  type PidLockAttempt,
  type PidLockOptions,
  type PidLockOwner,
  tryPidLock,
} from './locks/pid-lock';
export {
  type McpHttpServerConfig,
  type McpServerConfig,
  type McpServersConfig,
  type McpStdioServerConfig,
  parseMcpConfigFile,
  parseMcpServers,
} from './mcp/mcp-config';
export {
  describeServerStatus,
  type McpServerState,
  type McpServerStatus,
  type McpToolInfo,
} from './mcp/mcp-status';
export { mcpToolName } from './mcp/mcp-tool-info';
export { readMcpConfigFile } from './mcp/read-mcp-config';
export {
  FollowedRun,
  type FollowNotice,
  type FollowOptions,
  type FollowState,
  followNoticeOf,
  type UnplacedRunEntry,
  undefinedWhenStopped,
} from './runs/followed-run';
export { InMemoryRunJournal } from './runs/in-memory-run-journal';
export * from './runs/index';
export type { RunEnding, RunEntry, RunJournal } from './runs/run-journal';
export { describeTemporal, sameTemporal, type TemporalIdentity } from './runs/temporal-identity';
export { type SubAgentMilestone, type SubAgentStart, watchSubAgent } from './runs/watch-sub-agent';
export { type AgUiHandler, type AgUiHandlerOptions, createAgUiHandler } from './serve/agui-handler';
export type { EndpointAccess } from './serve/endpoint-access';
export { loopbackHosts } from './serve/request-origin';
export type { TemporalOptions } from './temporal/temporal-options';
export type { TemporalTlsOptions } from './temporal/temporal-tls';
export { calculator } from './tools/calculator';
export { currentTime } from './tools/current-time';
export { type AgentTool, type AgentToolDefinition, defineAgentTool } from './tools/define-agent-tool';
export {
  type ApprovalContext,
  defineTool,
  type RequiresApproval,
  type Tool,
  type ToolContext,
  type ToolDefinition,
} from './tools/define-tool';
export { researcherAgent } from './tools/researcher-agent';
export { AgentWorker } from './worker/agent-worker';
export type { AgentWorkerOptions } from './worker/agent-worker-options';
export type { SteerReceipt } from './workflow/definitions';
