import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Agent } from '../client/agent';
import { askTool } from './ask-tool';
import { callAskTool } from './call-ask-tool';
import { elicitApproval } from './elicit-approval';
import type { RunTaskStore } from './run-task-store';

/** The package's version, sent to clients as the server's. */
const { version } = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * An MCP server offering the agent as the tool `ask_<agent>`, with MCP Tasks (`tasks/get`, `tasks/result`,
 * `tasks/cancel`) backed by the runs' workflows. Cheap: one per connection (stdio) or per request
 * (stateless Streamable HTTP); the state is all in Temporal.
 */
export function createAgentMcpServer(agent: Agent, tasks: RunTaskStore): Server {
  const server = new Server(
    { name: 'durable-agent', version },
    {
      capabilities: { tools: {}, tasks: { cancel: {}, requests: { tools: { call: {} } } } },
      taskStore: tasks,
      instructions: `Call ${askTool(agent.name).name} to ask the agent. Its answers are durable runs: with a task, poll tasks/get and read tasks/result, also after this server restarts.`,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [askTool(agent.name)] }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    callAskTool(agent, tasks, request, {
      signal: extra.signal,
      askApproval: elicitApproval(server, extra.signal),
    }),
  );
  return server;
}
