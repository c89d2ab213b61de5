import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import { Agent } from '../client/agent';
import { messageOf } from '../common/error-message';
import type { AgentMode } from '../common/types';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import { createA2aHandler } from '../serve/a2a/a2a-handler';
import { createAgUiHandler } from '../serve/agui-handler';
import { loopbackHosts } from '../serve/request-origin';
import { AGENT_NAME } from './agent-command';
import { budgetFlags, readBudgetFlags } from './budget-flags';
import { type CliConfig, loadDotEnvFile, readCliConfig } from './cli-config';
import { choiceFlag, durationFlag, textFlag } from './command-line';
import { type CommandLine, defineCommand } from './define-command';
import { serveHelp } from './serve-help';
import { listenForShutdown } from './shutdown-signals';
import { temporalFlags } from './temporal-flags';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';

const flags = {
  ...temporalFlags,
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'cors-origin': { type: 'string' },
  'task-queue': { type: 'string' },
  mode: { type: 'string' },
  timeout: { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
  'approval-policy': { type: 'string' },
  ...budgetFlags,
} as const;

export const DEFAULT_SERVE_PORT = 8787;

interface ServeOptions {
  readonly config: CliConfig;
  readonly port: number;
  readonly host: string;
  readonly token: string | undefined;
  readonly corsOrigin: string | undefined;
  readonly taskQueue: string;
  readonly mode: AgentMode;
  readonly timeoutMs: number | undefined;
  readonly heartbeatTimeoutMs: number | undefined;
  readonly approvalPolicy: 'tool-defined' | 'require-all' | 'auto';
  readonly budget: ReturnType<typeof readBudgetFlags>;
}

function parseOptions({ values }: CommandLine<typeof flags>): ServeOptions {
  loadDotEnvFile();
  const config = readCliConfig(process.env, values);
  const portText = textFlag('port', values.port) ?? String(DEFAULT_SERVE_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) {
    throw new UsageError(`Invalid --port "${portText}": expected a port number from 0 to 65535.`);
  }
  const host = textFlag('host', values.host) ?? '127.0.0.1';
  const token = textFlag('token', values.token) ?? (process.env.DURABLE_AGENT_TOKEN?.trim() || undefined);
  if (!isLoopback(host) && token === undefined) {
    throw new UsageError(
      `Refusing to listen on ${host} without a token: anyone who reaches it could run the agent. Set --token <secret> or DURABLE_AGENT_TOKEN, or listen on 127.0.0.1.`,
    );
  }
  return {
    config,
    port,
    host,
    token,
    corsOrigin: textFlag('cors-origin', values['cors-origin']),
    taskQueue: textFlag('task-queue', values['task-queue']) ?? config.taskQueue,
    mode: choiceFlag('mode', values.mode, ['interactive', 'autonomous'] as const) ?? 'interactive',
    timeoutMs: durationFlag('timeout', values.timeout, 1000),
    heartbeatTimeoutMs: durationFlag('heartbeat-timeout', values['heartbeat-timeout'], 1000),
    approvalPolicy:
      choiceFlag('approval-policy', values['approval-policy'], [
        'tool-defined',
        'require-all',
        'auto',
      ] as const) ?? 'tool-defined',
    budget: readBudgetFlags(values),
  };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** `durable-agent serve`. Exit codes: 0 after Ctrl+C, 1 on failure, 2 for bad options. */
export const run = defineCommand({ name: 'serve', help: serveHelp, flags, parse: parseOptions, run: serve });

async function serve(options: ServeOptions): Promise<number> {
  const { config } = options;
  mkdirSync(config.dataDirectory, { recursive: true });
  const conversations = new SqliteConversationStore(path.join(config.dataDirectory, 'conversations.db'));
  const shutdown = listenForShutdown(() => process.exit(130));
  let agent: Agent | undefined;
  try {
    agent = await Agent.create({
      name: AGENT_NAME,
      taskQueue: options.taskQueue,
      temporal: config.temporal,
      mode: options.mode,
      timeout: options.timeoutMs,
      heartbeatTimeout: options.heartbeatTimeoutMs,
      approvalPolicy: options.approvalPolicy,
      ...options.budget,
      conversations,
    });
    let port = options.port;
    const endpointOptions = {
      agent,
      token: options.token,
      corsOrigin: options.corsOrigin,
      allowedHosts: isLoopback(options.host) ? () => loopbackHosts(port, options.host) : undefined,
      onError: (error: unknown) => console.error(`[error] ${visibleText(messageOf(error))}`),
    };
    const agUi = createAgUiHandler(endpointOptions);
    const a2a = createA2aHandler(endpointOptions);
    const server = createServer((request, response) => a2a(request, response, () => agUi(request, response)));
    port = await listen(server, options.port, options.host);
    const shownHost = isIP(options.host) === 6 ? `[${options.host}]` : options.host;
    console.log(`A2A endpoint: http://${shownHost}:${port}/a2a (agent card: /.well-known/agent-card.json)`);
    console.log(`AG-UI endpoint: http://${shownHost}:${port}/agent`);
    if (options.token === undefined) {
      console.log(
        'No token: every program and user on this machine can start, read and cancel runs here. Web pages of other sites cannot (JSON bodies, Host and Origin are checked). Set --token <secret> to require one.',
      );
    }
    console.log(`Serve pid ${process.pid}; task queue "${agent.taskQueue}" on ${config.temporal.address}.`);
    console.log('Runs execute on `durable-agent worker` processes. Press Ctrl+C to stop.');
    await shutdown.requested;
    console.log('Stopping: open streams are closed; their runs go on (POST the same runId to re-attach).');
    server.close();
    server.closeAllConnections();
    return 0;
  } catch (error) {
    console.log(`[error] ${visibleText(messageOf(error))}`);
    return 1;
  } finally {
    shutdown.dispose();
    await agent?.close().catch(() => undefined);
    conversations.close();
  }
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is in use: choose another with --port`)
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
