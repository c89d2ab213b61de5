/** durable-agent: AI agents whose runs are Temporal workflows — all of `durable-agent/client`, and the worker. */

export type { ActivityEvent } from './activities/dependencies';
export type { ClientIdentity, RunExecution } from './client/agent-run';
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
export * from './client/index';
export type { JsonSchema, OutputSchema, RunResultWithOutput } from './client/output-schema';
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
export {
  breakDownUsage,
  describeModelCalls,
  emptyRunResult,
  type UsageBreakdown,
  withRunCounts,
  ZERO_BREAKDOWN,
} from './common/run-usage';
export type { OutputSpecification } from './common/types';
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
export type { ExportedTree, ExportedTreeMessage } from './export/export-document';
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
export { loopbackHosts } from './serve/request-origin';
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
export { becomeLeanWorker, LEAN_WORKER_PROCESS, LEAN_WORKER_VARIABLE } from './worker/lean-process';
export type { SteerReceipt } from './workflow/definitions';
