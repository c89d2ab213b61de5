import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  CreateTaskResultSchema,
  type GetTaskResult,
  type Task,
} from '@modelcontextprotocol/sdk/types.js';
import type { Scenario } from '../../cli/support/scenario';

const BIN = path.join(__dirname, '..', '..', '..', 'bin', 'durable-agent.js');
export const ASK_TOOL = 'ask_durable_agent';

/** What the test's MCP client is called. */
export const CLIENT_INFO = { name: 'durable-agent-test', version: '1.0.0' };

/** The official client, over stdio, spawning `durable-agent mcp-server [args]` in the scenario's environment; its stderr kept. */
export async function connectStdio(
  scenario: Scenario,
  args: readonly string[] = [],
  client = new Client(CLIENT_INFO),
): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp-server', ...args],
    env: scenario.environment() as Record<string, string>,
    cwd: scenario.directory,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}

/** The official client over Streamable HTTP. */
export async function connectHttp(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(token === undefined ? {} : { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  });
  const client = new Client(CLIENT_INFO);
  await client.connect(transport);
  return client;
}

/** A task-augmented `tools/call` of ask_durable_agent: the task it returns. */
export async function askAsTask(client: Client, prompt: string): Promise<Task> {
  const created = await client.request(
    { method: 'tools/call', params: { name: ASK_TOOL, arguments: { prompt }, task: { ttl: 60_000 } } },
    CreateTaskResultSchema,
  );
  return created.task;
}

/** Polls `tasks/get` until the task reaches `status`; every status seen, in order, without repeats. */
export async function pollTask(
  client: Client,
  taskId: string,
  status: Task['status'],
  timeoutMs = 60_000,
): Promise<{ task: GetTaskResult; seen: Task['status'][] }> {
  const seen: Task['status'][] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await client.experimental.tasks.getTask(taskId);
    if (seen.at(-1) !== task.status) seen.push(task.status);
    if (task.status === status) return { task, seen };
    if (Date.now() > deadline)
      throw new Error(
        `task ${taskId} is ${task.status}, not ${status}, after ${timeoutMs} ms (seen: ${seen.join(' → ')})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `tasks/result` of a task, as a tool result. */
export function taskResult(client: Client, taskId: string) {
  return client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const [first] = ((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[];
  if (first?.type !== 'text' || first.text === undefined)
    throw new Error(`no text in ${JSON.stringify(result)}`);
  return first.text;
}
