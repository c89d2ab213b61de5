import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Agent } from '../client/agent';
import { formatDuration } from '../common/duration';
import type { AgentMode } from '../common/types';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import type { RunEnding } from '../runs/run-journal';
import { agentHelp } from './agent-help';
import { type AgentModelChoices, agentModelFlags, readAgentModelFlags } from './agent-model-flags';
import { AllowedToolsFile } from './allowed-tools-file';
import { budgetFlags, readBudgetFlags } from './budget-flags';
import { type CliConfig, loadDotEnvFile, readCliConfig } from './cli-config';
import { choiceFlag, durationFlag, parseCommandLine, textFlag } from './command-line';
import { ConversationSpendFile } from './conversation-spend-file';
import { stopWhenLauncherGone } from './launcher-watch';
import { LineReader } from './line-reader';
import { pidLine } from './process-identity';
import { ReplSession } from './repl-session';
import { RunJournalFile } from './run-journal-file';
import { StreamPrinter } from './stream-printer';
import { temporalFlags } from './temporal-flags';
import { UsageError } from './usage-error';

/** Agent name used in run ids; the worker's `--name` only labels its own messages. */
export const AGENT_NAME = 'durable-agent';

const flags = {
  ...temporalFlags,
  ...agentModelFlags,
  'task-queue': { type: 'string' },
  mode: { type: 'string' },
  timeout: { type: 'string' },
  conversation: { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
  'approval-policy': { type: 'string' },
  ...budgetFlags,
  help: { type: 'boolean', short: 'h' },
} as const;

const approvalPolicies = ['tool-defined', 'require-all', 'auto'] as const;
type ApprovalPolicyName = (typeof approvalPolicies)[number];

interface AgentCommandOptions {
  readonly config: CliConfig;
  readonly taskQueue: string;
  readonly mode: AgentMode;
  readonly timeoutMs: number | undefined;
  readonly heartbeatTimeoutMs: number | undefined;
  readonly conversationId: string | undefined;
  readonly approvalPolicy: ApprovalPolicyName;
  readonly initialPrompt: string | undefined;
  readonly budget: ReturnType<typeof readBudgetFlags>;
  readonly choices: AgentModelChoices;
}

function parseOptions(args: string[]): AgentCommandOptions | 'help' {
  const { values, positionals } = parseCommandLine(args, flags, true);
  if (values.help) return 'help';
  loadDotEnvFile();
  const config = readCliConfig(process.env, values);
  const conversationId = textFlag('conversation', values.conversation);
  if (conversationId !== undefined && !/^[A-Za-z0-9._:-]{1,200}$/.test(conversationId)) {
    throw new UsageError(
      `Invalid --conversation "${conversationId}": use 1-200 letters, digits, ".", "_", ":" or "-".`,
    );
  }
  const initialPrompt = positionals.join(' ').trim();
  const choices = readAgentModelFlags(values);
  if (choices.outputSchema !== undefined && initialPrompt === '')
    throw new UsageError('--output-schema needs the prompt on the command line.');
  return {
    choices,
    config,
    taskQueue: textFlag('task-queue', values['task-queue']) ?? config.taskQueue,
    mode: choiceFlag('mode', values.mode, ['interactive', 'autonomous'] as const) ?? 'interactive',
    timeoutMs: durationFlag('timeout', values.timeout, 1000),
    heartbeatTimeoutMs: durationFlag('heartbeat-timeout', values['heartbeat-timeout'], 1000),
    conversationId,
    approvalPolicy:
      choiceFlag('approval-policy', values['approval-policy'], approvalPolicies) ?? 'tool-defined',
    initialPrompt: initialPrompt === '' ? undefined : initialPrompt,
    budget: readBudgetFlags(values),
  };
}

/** Exit code of a session in which a run ended as budget-exhausted. */
export const BUDGET_EXHAUSTED_EXIT_CODE = 3;

/**
 * `durable-agent agent [prompt]`. Exit codes: 0 after the session, 1 on failure, 2 for bad options, 3 when
 * a run ended as budget-exhausted.
 */
export async function run(args: string[]): Promise<number> {
  let options: AgentCommandOptions | 'help';
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nRun \`durable-agent agent --help\` for the options.`);
    return 2;
  }
  if (options === 'help') {
    console.log(agentHelp());
    return 0;
  }

  const { config, choices } = options;
  mkdirSync(config.dataDirectory, { recursive: true });
  // With --output-schema, stdout holds the JSON alone: everything else goes to stderr.
  const printer = new StreamPrinter(choices.outputSchema === undefined ? process.stdout : process.stderr);
  const conversations = new SqliteConversationStore(path.join(config.dataDirectory, 'conversations.db'));
  let agent: Agent | undefined;
  try {
    const journal = new RunJournalFile(path.join(config.dataDirectory, 'cli-runs.json'), (message) =>
      printer.line(`[warning] ${message}`),
    );
    agent = await Agent.create({
      name: AGENT_NAME,
      taskQueue: options.taskQueue,
      temporal: config.temporal,
      mode: options.mode,
      timeout: options.timeoutMs,
      heartbeatTimeout: options.heartbeatTimeoutMs,
      approvalPolicy: options.approvalPolicy,
      ...(options.budget.budget ? { budget: options.budget.budget } : {}),
      ...(options.budget.prices ? { prices: options.budget.prices } : {}),
      conversations,
      ...(choices.instructions === undefined ? {} : { instructions: choices.instructions }),
      ...(choices.models === undefined ? {} : { models: [...choices.models] }),
      ...(choices.contextWindow === undefined ? {} : { contextWindow: choices.contextWindow }),
    });
    return await runSession(agent, options, journal, conversations, printer);
  } catch (error) {
    printer.line(`[error] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await agent?.close().catch(() => undefined);
    conversations.close();
  }
}

async function runSession(
  agent: Agent,
  options: AgentCommandOptions,
  journal: RunJournalFile,
  conversations: SqliteConversationStore,
  printer: StreamPrinter,
): Promise<number> {
  const conversationId = options.conversationId ?? randomUUID();
  const reader = LineReader.open();
  const { outputSchema } = options.choices;
  const session = new ReplSession({
    agent,
    conversationId,
    reader,
    printer,
    journal,
    ...(options.conversationId === undefined ? {} : { conversations }),
    allowedTools: new AllowedToolsFile(path.join(options.config.dataDirectory, 'allowed-tools.json')),
    spend: new ConversationSpendFile(path.join(options.config.dataDirectory, 'conversation-spend.json')),
    ...(options.budget.conversationLimits ? { conversationLimits: options.budget.conversationLimits } : {}),
    ...(outputSchema === undefined ? {} : { runOptions: { output: outputSchema } }),
  });
  const onInterrupt = (): void => {
    if (!session.interrupt()) {
      printer.line('Interrupted.');
      void session.detach().finally(() => process.exit(130));
    }
  };
  let terminating = false;
  const onTerminate = (): void => {
    terminating = true;
    void session.detach().finally(() => process.exit(143));
  };
  reader.onInterrupt(onInterrupt);
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  const launcherWatch = stopWhenLauncherGone('agent', () => {
    if (!terminating) onTerminate();
  });
  try {
    printBanner(printer, agent, options, conversationId);
    if (options.conversationId !== undefined) await session.resumeUnfinishedRuns();
    if (outputSchema !== undefined && options.initialPrompt !== undefined)
      return printOutput(await session.runOnce(options.initialPrompt));
    await session.loop(options.initialPrompt);
    return session.budgetExhausted ? BUDGET_EXHAUSTED_EXIT_CODE : 0;
  } finally {
    launcherWatch.stop();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
    reader.close();
  }
}

function printBanner(
  printer: StreamPrinter,
  agent: Agent,
  options: AgentCommandOptions,
  conversationId: string,
): void {
  const how = options.mode === 'interactive' ? 'worker check at each prompt' : 'no worker check';
  printer.line(`=== durable_agent ${options.mode} stream ===`);
  printer.line("Events arrive via the run's workflow stream (Temporal workflow updates).");
  printer.line('Simulate scenarios: kill the worker or this process mid-run, then restart.');
  printer.line(
    `Task queue "${agent.taskQueue}" on ${options.config.temporal.address}; timeout ${formatDuration(agent.timeoutMs)}, ${how}.`,
  );
  printer.line(`Conversation ${conversationId} (continue it later with --conversation ${conversationId}).`);
  printer.line(pidLine('Agent'));
  printer.line("Type 'exit' or 'quit' or 'bye' to stop.");
}

/** `--output-schema`: the structured output alone on stdout; exit 1 when the run gave none. */
function printOutput(ending: RunEnding | undefined): number {
  if (ending?.result.status !== 'completed' || ending.result.output === undefined) return 1;
  process.stdout.write(`${JSON.stringify(ending.result.output, null, 2)}\n`);
  return 0;
}
