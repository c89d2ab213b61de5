import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Agent } from '../client/agent';
import type { AgentMode } from '../common/types';
import { SqliteConversationStore } from '../conversations/sqlite-conversation-store';
import { createAgentMcpServer } from '../mcp-server/agent-mcp-server';
import { createMcpHttpHandler, MCP_PATH } from '../mcp-server/mcp-http-handler';
import { RunTaskStore } from '../mcp-server/run-task-store';
import { loopbackHosts } from '../serve/request-origin';
import { AGENT_NAME } from './agent-command';
import { budgetFlags, readBudgetFlags } from './budget-flags';
import { type CliConfig, loadDotEnvFile, readCliConfig } from './cli-config';
import { choiceFlag, durationFlag, parseCommandLine, textFlag } from './command-line';
import { mcpServerHelp } from './mcp-server-help';
import { isLoopback, listen } from './serve-command';
import { listenForShutdown } from './shutdown-signals';
import { temporalFlags } from './temporal-flags';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';

const flags = {
  ...temporalFlags,
  http: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'task-queue': { type: 'string' },
  mode: { type: 'string' },
  timeout: { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
  'approval-policy': { type: 'string' },
  ...budgetFlags,
  help: { type: 'boolean', short: 'h' },
} as const;

export const DEFAULT_MCP_PORT = 8788;

interface McpServerOptions {
  readonly config: CliConfig;
  /** Streamable HTTP on this address; stdio when absent. */
  readonly http: { readonly port: number; readonly host: string; readonly token?: string } | undefined;
  readonly taskQueue: string;
  readonly mode: AgentMode;
  readonly timeoutMs: number | undefined;
  readonly heartbeatTimeoutMs: number | undefined;
  readonly approvalPolicy: 'tool-defined' | 'require-all' | 'auto';
  readonly budget: ReturnType<typeof readBudgetFlags>;
}

function parseOptions(args: string[]): McpServerOptions | 'help' {
  const { values } = parseCommandLine(args, flags, false);
  if (values.help) return 'help';
  loadDotEnvFile();
  const config = readCliConfig(process.env, values);
  return {
    config,
    http: values.http ? readHttpOptions(values) : undefined,
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

function readHttpOptions(values: { port?: string; host?: string; token?: string }) {
  const portText = textFlag('port', values.port) ?? String(DEFAULT_MCP_PORT);
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
  return { port, host, ...(token === undefined ? {} : { token }) };
}

/** Logs go to stdout with --http, to stderr with stdio (where stdout carries MCP). */
function log(options: McpServerOptions, line: string): void {
  if (options.http) console.log(line);
  else console.error(line);
}

/** `durable-agent mcp-server`. Exit codes as `serve`'s: 0 after Ctrl+C, 1 on failure, 2 for bad options. */
export async function run(args: string[]): Promise<number> {
  let options: McpServerOptions | 'help';
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nRun \`durable-agent mcp-server --help\` for the options.`);
    return 2;
  }
  if (options === 'help') {
    console.log(mcpServerHelp());
    return 0;
  }
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
    const tasks = new RunTaskStore(agent);
    const stop = options.http
      ? await serveHttp(agent, tasks, options.http)
      : await serveStdio(agent, tasks, () => shutdown.request());
    log(
      options,
      `MCP server pid ${process.pid}; task queue "${agent.taskQueue}" on ${config.temporal.address}.`,
    );
    await shutdown.requested;
    await stop();
    return 0;
  } catch (error) {
    console.error(`[error] ${visibleText(error instanceof Error ? error.message : String(error))}`);
    return 1;
  } finally {
    shutdown.dispose();
    await agent?.close().catch(() => undefined);
    conversations.close();
  }
}

/** MCP on stdin/stdout until the host closes stdin. */
async function serveStdio(agent: Agent, tasks: RunTaskStore, onClosed: () => void) {
  const server = createAgentMcpServer(agent, tasks);
  server.onclose = onClosed;
  process.stdin.once('end', onClosed);
  await server.connect(new StdioServerTransport());
  console.error('MCP over stdio: tool ask_durable_agent. Runs execute on `durable-agent worker` processes.');
  return () => server.close();
}

async function serveHttp(agent: Agent, tasks: RunTaskStore, http: NonNullable<McpServerOptions['http']>) {
  let port = http.port;
  const handler = createMcpHttpHandler({
    agent,
    tasks,
    ...(http.token === undefined ? {} : { token: http.token }),
    ...(isLoopback(http.host) ? { allowedHosts: () => loopbackHosts(port, http.host) } : {}),
    onError: (error) =>
      console.error(`[error] ${visibleText(error instanceof Error ? error.message : String(error))}`),
  });
  const server = createServer((request, response) => void handler(request, response));
  port = await listen(server, http.port, http.host);
  const shownHost = isIP(http.host) === 6 ? `[${http.host}]` : http.host;
  console.log(`MCP endpoint (Streamable HTTP): http://${shownHost}:${port}${MCP_PATH}`);
  if (http.token === undefined) {
    console.log(
      'No token: every program and user on this machine can call it (web pages of other sites cannot: Host and Origin are checked). Set --token <secret> to require one.',
    );
  }
  return async () => {
    server.close();
    server.closeAllConnections();
  };
}
