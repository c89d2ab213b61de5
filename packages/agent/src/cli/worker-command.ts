import { messageOf } from '../common/error-message';
import type { McpServersConfig } from '../mcp/mcp-config';
import { readMcpConfigFile } from '../mcp/read-mcp-config';
import { calculator } from '../tools/calculator';
import { currentTime } from '../tools/current-time';
import { researcherAgent } from '../tools/researcher-agent';
import { AgentWorker } from '../worker/agent-worker';
import { environmentHelp, loadDotEnvFile, readCliConfig } from './cli-config';
import { textFlag } from './command-line';
import { type CommandLine, defineCommand } from './define-command';
import { stopWhenLauncherGone } from './launcher-watch';
import { liveTextFlags, liveTextFlagsHelp, liveTextOption } from './live-text-flags';
import { McpStatusLog } from './mcp-status-log';
import { pidLine } from './process-identity';
import { RunActivityLog } from './run-activity-log';
import { listenForShutdown, type ShutdownSignal, signalExitCode } from './shutdown-signals';
import { temporalFlags, temporalFlagsHelp } from './temporal-flags';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';
import { resolveWorkerModel, type WorkerModel } from './worker-model';

/** Name the worker reports for its agent unless `--name` says otherwise. */
export const DEFAULT_WORKER_NAME = 'durable-agent';

const flags = {
  ...temporalFlags,
  ...liveTextFlags,
  'task-queue': { type: 'string' },
  name: { type: 'string' },
  'mcp-config': { type: 'string' },
  'attachment-folder': { type: 'string' },
} as const;

function help(): string {
  return `Usage: durable-agent worker [options]

Runs an agent worker (terminal 1): polls the task queue on Temporal, calls the model and the tools
(calculator, currentTime). Start it before sending prompts from \`durable-agent agent\`.
Ctrl+C stops it gracefully (a run in flight continues on another worker); a second Ctrl+C forces exit.

Options:
  --task-queue <name>  task queue to poll (default $AGENT_TASK_QUEUE, else "agent")
  --name <name>        agent name shown in errors and in the worker identity (default "${DEFAULT_WORKER_NAME}")
  --mcp-config <file>  MCP servers whose tools the worker offers, in the usual mcp.json shape:
                       {"mcpServers": {"<name>": {"command", "args", "env", "cwd"} or {"url", "headers"}}}
                       (default $MCP_CONFIG). A server that fails to start is reported; the worker
                       runs without its tools.
  --attachment-folder <dir>
                       where files attached to prompts are read from: the folder the clients store them
                       in (the desktop app's: <data folder>/attachments), shared or mounted on this
                       machine (default $ATTACHMENT_FOLDER). Without it, runs with attachments fail.
  -h, --help           show this help

The heartbeat timeout (how fast a killed worker is noticed) is chosen by the agent:
\`durable-agent agent --heartbeat-timeout 10s\`.

${liveTextFlagsHelp}

${temporalFlagsHelp}

${environmentHelp()}`;
}

/** `durable-agent worker`. Exit codes: 0 after a graceful stop, 1 on failure, 2 for bad options, 130/143 when forced. */
export const run = defineCommand({ name: 'worker', help, flags, parse: parseOptions, run: runWorker });

interface WorkerCommandOptions {
  readonly taskQueue: string;
  readonly name: string;
  readonly config: ReturnType<typeof readCliConfig>;
  readonly mcpServers: McpServersConfig | undefined;
  readonly liveText: ReturnType<typeof liveTextOption>;
  readonly attachmentFolder: string | undefined;
}

async function parseOptions({ values }: CommandLine<typeof flags>): Promise<WorkerCommandOptions> {
  loadDotEnvFile();
  const config = readCliConfig(process.env, values);
  const taskQueue = textFlag('task-queue', values['task-queue']) ?? config.taskQueue;
  const name = textFlag('name', values.name) ?? DEFAULT_WORKER_NAME;
  if (!/^[^/\s]+$/.test(name)) throw new UsageError(`Invalid --name "${name}": no spaces or "/".`);
  const mcpConfig = textFlag('mcp-config', values['mcp-config']) ?? (process.env.MCP_CONFIG || undefined);
  return {
    config,
    taskQueue,
    name,
    mcpServers: mcpConfig === undefined ? undefined : await readMcpConfigFile(mcpConfig),
    liveText: liveTextOption(values, process.env),
    attachmentFolder:
      textFlag('attachment-folder', values['attachment-folder']) ??
      (process.env.ATTACHMENT_FOLDER || undefined),
  };
}

async function runWorker(options: WorkerCommandOptions): Promise<number> {
  const { taskQueue, name, config, mcpServers, liveText, attachmentFolder } = options;
  console.log(visibleText(`Agent worker starting on task queue "${taskQueue}". Run this before the agent.`));
  console.log(pidLine('Worker'));
  const forceExit = (signal: ShutdownSignal): void => {
    console.log('Forced exit.');
    process.exit(signalExitCode(signal));
  };
  const shutdown = listenForShutdown(forceExit);
  const launcherWatch = stopWhenLauncherGone('worker', () => shutdown.request());
  let model: WorkerModel | undefined;
  try {
    model = await resolveWorkerModel(config.openAI);
    console.log(visibleText(model.description));
    const starting = AgentWorker.create({
      name,
      taskQueue,
      temporal: config.temporal,
      sdkLogLevel: config.sdkLogLevel,
      model: model.provider,
      tools: [calculator, currentTime],
      onActivity: new RunActivityLog((line) => console.log(line)).onActivity,
      agents: [researcherAgent],
      mcpServers,
      onMcpServerStatus: new McpStatusLog((line) => console.log(line)).onStatus,
      liveText,
      ...(attachmentFolder ? { attachmentFolder } : {}),
    });
    const first = await Promise.race([starting, shutdown.requested]);
    if (typeof first === 'string') {
      console.log('Shutting down agent worker...');
      forceExitIfStuck(first);
      const worker = await starting.catch(() => undefined);
      if (worker !== undefined) {
        const running = worker.run();
        await worker.shutdown();
        await running.catch(() => undefined);
      }
      return 0;
    }
    return await runUntilStopped(first, shutdown.requested);
  } catch (error) {
    console.error(`[error] ${visibleText(messageOf(error))}`);
    return 1;
  } finally {
    launcherWatch.stop();
    shutdown.dispose();
    await model?.close();
  }
}

async function runUntilStopped(worker: AgentWorker, stopRequested: Promise<ShutdownSignal>): Promise<number> {
  const running = worker.run();
  console.log('Agent worker running. Press Ctrl+C to stop.');
  const live = worker.liveTextAddress;
  console.log(
    live ? `Live text for followers at ${live}.` : 'Live text off: followers read Temporal history only.',
  );
  const stopped = await Promise.race([running.then(() => undefined), stopRequested]);
  if (stopped === undefined) {
    console.error('[error] the worker stopped unexpectedly');
    return 1;
  }
  console.log('Shutting down agent worker...');
  await worker.shutdown();
  await running;
  console.log('Agent worker stopped.');
  return 0;
}

/** While still starting there is little to hand back; never hang on the way out. */
function forceExitIfStuck(signal: ShutdownSignal): void {
  setTimeout(() => process.exit(signalExitCode(signal)), 10_000).unref();
}
