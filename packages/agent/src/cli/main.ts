import { messageOf } from '../common/error-message';
import { becomeLeanWorker } from '../worker/lean-process';
import { nameProcess } from './process-identity';
import { visibleText } from './terminal-text';

interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ run(args: string[]): Promise<number> }>;
}

const commands: Record<string, Command> = {
  init: { summary: 'create a starter project in a new directory', load: () => import('./init-command.js') },
  worker: { summary: 'run an agent worker (terminal 1)', load: () => import('./worker-command.js') },
  agent: { summary: 'chat with the agent in a REPL (terminal 2)', load: () => import('./agent-command.js') },
  serve: { summary: 'serve the agent over AG-UI (HTTP)', load: () => import('./serve-command.js') },
  'mcp-server': {
    summary: 'offer the agent to MCP hosts as a tool, answers as durable MCP Tasks',
    load: () => import('./mcp-server-command.js'),
  },
  'dev-server': {
    summary: 'start a local Temporal dev server',
    load: () => import('./dev-server-command.js'),
  },
  schedule: {
    summary: 'run a prompt on a schedule (create, list, pause, unpause, trigger, delete)',
    load: () => import('./schedule-command.js'),
  },
  export: { summary: 'export a conversation as Markdown or JSON', load: () => import('./export-command.js') },
  'demo-model': {
    summary: 'start the offline OpenAI-compatible demo model',
    load: () => import('./demo-model-command.js'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`);
  return [
    'Usage: durable-agent <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `durable-agent <command> --help` for its options.',
  ].join('\n');
}

/** Entry point of the `durable-agent` binary. */
export async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  // Before the worker's modules load: the process re-executes itself once to be lean (same pid).
  if (name === 'worker') becomeLeanWorker();
  nameProcess(name, args);
  try {
    const exitCode = await (await command.load()).run(args);
    process.exitCode = exitCode;
  } catch (error) {
    console.error(`[error] ${visibleText(failureText(error))}`);
    process.exitCode = 1;
  }
}

/** The error's message; a missing `@temporalio/worker` (an optional peer) says how to get it. */
function failureText(error: unknown): string {
  const missing = error as NodeJS.ErrnoException | undefined;
  if (missing?.code === 'MODULE_NOT_FOUND' && /'@temporalio\/worker'/.test(missing.message)) {
    return 'this command runs a worker, which needs @temporalio/worker: npm install @temporalio/worker@1.23.0';
  }
  return messageOf(error);
}
