import { Agent } from '../client/agent';
import type { AgentOptions } from '../client/agent-options';
import type { AgentMode } from '../common/types';
import type { ConversationStore } from '../conversations/conversation-store';
import { budgetFlags, readBudgetFlags } from './budget-flags';
import { type CliConfig, loadDotEnvFile, readCliConfig } from './cli-config';
import { choiceFlag, durationFlag, type ParsedCommandLine, textFlag } from './command-line';
import { temporalFlags } from './temporal-flags';

/** Agent name used in run ids; the worker's `--name` only labels its own messages. */
export const AGENT_NAME = 'durable-agent';

/** The flags of every command that runs the agent (`agent`, `serve`, `mcp-server`): how its runs are made. */
export const agentFlags = {
  ...temporalFlags,
  'task-queue': { type: 'string' },
  mode: { type: 'string' },
  timeout: { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
  'approval-policy': { type: 'string' },
  ...budgetFlags,
} as const;

const approvalPolicies = ['tool-defined', 'require-all', 'auto'] as const;

/** What {@link agentFlags} say, with the configuration from the environment (and `.env`). */
export interface AgentFlagOptions {
  readonly config: CliConfig;
  readonly taskQueue: string;
  readonly mode: AgentMode;
  readonly timeoutMs: number | undefined;
  readonly heartbeatTimeoutMs: number | undefined;
  readonly approvalPolicy: (typeof approvalPolicies)[number];
  readonly budget: ReturnType<typeof readBudgetFlags>;
}

/** Reads {@link agentFlags} (loading `.env` first); a bad value is a `UsageError`. */
export function readAgentFlags(values: ParsedCommandLine<typeof agentFlags>['values']): AgentFlagOptions {
  loadDotEnvFile();
  const config = readCliConfig(process.env, values);
  return {
    config,
    taskQueue: textFlag('task-queue', values['task-queue']) ?? config.taskQueue,
    mode: choiceFlag('mode', values.mode, ['interactive', 'autonomous'] as const) ?? 'interactive',
    timeoutMs: durationFlag('timeout', values.timeout, 1000),
    heartbeatTimeoutMs: durationFlag('heartbeat-timeout', values['heartbeat-timeout'], 1000),
    approvalPolicy:
      choiceFlag('approval-policy', values['approval-policy'], approvalPolicies) ?? 'tool-defined',
    budget: readBudgetFlags(values),
  };
}

/** The Agent the flags describe, storing its conversations in `conversations`; `more` adds options. */
export function createFlagAgent(
  options: AgentFlagOptions,
  conversations: ConversationStore,
  more: Partial<AgentOptions> = {},
): Promise<Agent> {
  const { budget, prices } = options.budget;
  return Agent.create({
    name: AGENT_NAME,
    taskQueue: options.taskQueue,
    temporal: options.config.temporal,
    mode: options.mode,
    timeout: options.timeoutMs,
    heartbeatTimeout: options.heartbeatTimeoutMs,
    approvalPolicy: options.approvalPolicy,
    ...(budget ? { budget } : {}),
    ...(prices ? { prices } : {}),
    conversations,
    ...more,
  });
}
