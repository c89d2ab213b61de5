import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Agent } from '../client/agent';
import { messageOf } from '../common/error-message';
import { createAgentMcpServer } from '../mcp-server/agent-mcp-server';
import { createMcpHttpHandler, MCP_PATH } from '../mcp-server/mcp-http-handler';
import { RunTaskStore } from '../mcp-server/run-task-store';
import { type AgentFlagOptions, agentFlags, readAgentFlags } from './agent-flags';
import { type CommandLine, defineCommand } from './define-command';
import { type ListenAddress, listenAddressFlags, listenAt, readListenAddress } from './listen-address';
import { mcpServerHelp } from './mcp-server-help';
import { type StopServing, serveAgent } from './serving-agent';
import { visibleText } from './terminal-text';

const flags = { ...agentFlags, http: { type: 'boolean' }, ...listenAddressFlags } as const;

export const DEFAULT_MCP_PORT = 8788;

interface McpServerOptions extends AgentFlagOptions {
  /** Streamable HTTP on this address; stdio when absent. */
  readonly http: ListenAddress | undefined;
}

function parseOptions({ values }: CommandLine<typeof flags>): McpServerOptions {
  return {
    ...readAgentFlags(values),
    http: values.http ? readListenAddress(values, DEFAULT_MCP_PORT) : undefined,
  };
}

/** `durable-agent mcp-server`. Exit codes as `serve`'s: 0 after Ctrl+C, 1 on failure, 2 for bad options. */
export const run = defineCommand({
  name: 'mcp-server',
  help: mcpServerHelp,
  flags,
  parse: parseOptions,
  run: (options) =>
    serveAgent(options, async (agent, requestStop) => {
      const tasks = new RunTaskStore(agent);
      const { http } = options;
      // Logs go to stdout with --http, to stderr with stdio (where stdout carries MCP).
      const log = http ? console.log : console.error;
      const stop = http ? await serveHttp(agent, tasks, http) : await serveStdio(agent, tasks, requestStop);
      log(
        `MCP server pid ${process.pid}; task queue "${agent.taskQueue}" on ${options.config.temporal.address}.`,
      );
      return stop;
    }),
});

/** MCP on stdin/stdout until the host closes stdin. */
async function serveStdio(agent: Agent, tasks: RunTaskStore, onClosed: () => void) {
  const server = createAgentMcpServer(agent, tasks);
  server.onclose = onClosed;
  process.stdin.once('end', onClosed);
  await server.connect(new StdioServerTransport());
  console.error('MCP over stdio: tool ask_durable_agent. Runs execute on `durable-agent worker` processes.');
  return () => server.close();
}

async function serveHttp(agent: Agent, tasks: RunTaskStore, http: ListenAddress): Promise<StopServing> {
  const listening = await listenAt(http, (allowedHosts) => {
    const handler = createMcpHttpHandler({
      agent,
      tasks,
      ...(http.token === undefined ? {} : { token: http.token }),
      ...(allowedHosts === undefined ? {} : { allowedHosts }),
      onError: (error) => console.error(`[error] ${visibleText(messageOf(error))}`),
    });
    return (request, response) => void handler(request, response);
  });
  console.log(`MCP endpoint (Streamable HTTP): ${listening.url}${MCP_PATH}`);
  if (http.token === undefined) {
    console.log(
      'No token: every program and user on this machine can call it (web pages of other sites cannot: Host and Origin are checked). Set --token <secret> to require one.',
    );
  }
  return () => listening.close();
}
