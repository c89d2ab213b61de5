import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Agent } from '../client/agent';
import { formatDuration } from '../common/duration';
import { messageOf } from '../common/error-message';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import type { RunEnding } from '../runs/run-journal';
import { type AgentFlagOptions, agentFlags, createFlagAgent, readAgentFlags } from './agent-flags';
import { agentHelp } from './agent-help';
import { type AgentModelChoices, agentModelFlags, readAgentModelFlags } from './agent-model-flags';
import { AllowedToolsFile } from './allowed-tools-file';
import { textFlag } from './command-line';
import { ConversationSpendFile } from './conversation-spend-file';
import { type CommandLine, defineCommand } from './define-command';
import { stopWhenLauncherGone } from './launcher-watch';
import { LineReader } from './line-reader';
import { pidLine } from './process-identity';
import { ReplSession } from './repl-session';
import { RunJournalFile } from './run-journal-file';
import { StreamPrinter } from './stream-printer';
import { UsageError } from './usage-error';

const flags = {
  ...agentFlags,
  ...agentModelFlags,
  conversation: { type: 'string' },
} as const;

interface AgentCommandOptions extends AgentFlagOptions {
  readonly conversationId: string | undefined;
  readonly initialPrompt: string | undefined;
  readonly choices: AgentModelChoices;
}

function parseOptions({ values, positionals }: CommandLine<typeof flags>): AgentCommandOptions {
  const agentOptions = readAgentFlags(values);
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
    ...agentOptions,
    choices,
    conversationId,
    initialPrompt: initialPrompt === '' ? undefined : initialPrompt,
  };
}

/** Exit code of a session in which a run ended as budget-exhausted. */
export const BUDGET_EXHAUSTED_EXIT_CODE = 3;

/**
 * `durable-agent agent [prompt]`. Exit codes: 0 after the session, 1 on failure, 2 for bad options, 3 when
 * a run ended as budget-exhausted.
 */
export const run = defineCommand({
  name: 'agent',
  help: agentHelp,
  flags,
  positionals: true,
  parse: parseOptions,
  run: chat,
});

async function chat(options: AgentCommandOptions): Promise<number> {
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
    agent = await createFlagAgent(options, conversations, {
      ...(choices.instructions === undefined ? {} : { instructions: choices.instructions }),
      ...(choices.models === undefined ? {} : { models: [...choices.models] }),
      ...(choices.contextWindow === undefined ? {} : { contextWindow: choices.contextWindow }),
    });
    return await runSession(agent, options, journal, conversations, printer);
  } catch (error) {
    printer.line(`[error] ${messageOf(error)}`);
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
