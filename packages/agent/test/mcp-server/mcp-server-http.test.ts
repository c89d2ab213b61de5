import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fillerText } from '../../src/llm/demo-model/filler-text';
import { assertLibraryBuilt, type CliProcess } from '../cli/support/cli-process';
import { type Scenario, scenarioRegistry } from '../cli/support/scenario';
import { ASK_TOOL, askAsTask, connectHttp, pollTask, taskResult, textOf } from './support/mcp-clients';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

const ENDPOINT = /MCP endpoint \(Streamable HTTP\): (http:\/\/127\.0\.0\.1:(\d+)\/mcp)/;

/** `durable-agent mcp-server --http [args]`, resolved with its URL once it listens. */
async function startHttpServer(
  scenario: Scenario,
  args: readonly string[],
): Promise<{ server: CliProcess; url: string; port: number }> {
  const server = scenario.spawn('mcp-server', ['mcp-server', '--http', ...args]);
  await server.waitFor(ENDPOINT, { timeoutMs: 30_000 });
  const match = ENDPOINT.exec(server.stdout)!;
  return { server, url: match[1]!, port: Number(match[2]) };
}

describe('durable-agent mcp-server --http (Streamable HTTP, the official MCP client)', () => {
  it('answers tools/list and tools/call; a task keeps its id across a restart of the server, for the same client', async () => {
    const scenario = await scenarios.create({ pace: 20 });
    const worker = await scenario.startWorker();
    const first = await startHttpServer(scenario, ['--port', '0']);
    const client = await connectHttp(first.url);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([ASK_TOOL]);
      scenario.model.setPace(0);
      const plain = await client.callTool({ name: ASK_TOOL, arguments: { prompt: 'Hello' } });
      expect(textOf(plain)).toBe('Hello! How can I help you today?');

      scenario.model.setPace(20);
      const task = await askAsTask(client, 'reply with 100 tokens');
      await worker.waitFor(/model call started/, { timeoutMs: 30_000 });
      await first.server.kill();
      // A new server on the same port: the client goes on as if nothing happened (no session to lose).
      await startHttpServer(scenario, ['--port', String(first.port)]);
      await pollTask(client, task.taskId, 'completed');
      expect(textOf(await taskResult(client, task.taskId))).toBe(fillerText(100));
    } finally {
      await client.close();
    }
  });

  it('with --token, a client without it is refused (401) and one with it is served', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const { url } = await startHttpServer(scenario, ['--port', '0', '--token', 'secret-token']);
    await expect(connectHttp(url)).rejects.toThrow(/this server needs \\"Authorization: Bearer <token>\\"/);
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { Authorization: 'Bearer wrong' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="durable-agent"');
    const client = await connectHttp(url, 'secret-token');
    try {
      const answer = await client.callTool({ name: ASK_TOOL, arguments: { prompt: 'Hello' } });
      expect(textOf(answer)).toBe('Hello! How can I help you today?');
    } finally {
      await client.close();
    }
  });

  it('refuses to listen beyond loopback without a token (exit code 2, saying why)', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const server = scenario.spawn('mcp-server', ['mcp-server', '--http', '--host', '0.0.0.0', '--port', '0']);
    const exit = await server.waitForExit(30_000);
    expect(exit.code).toBe(2);
    expect(server.output).toContain(
      'Refusing to listen on 0.0.0.0 without a token: anyone who reaches it could run the agent.',
    );
  });
});
