import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerStatus } from '../src/mcp/mcp-status';
import { readMcpConfigFile } from '../src/mcp/read-mcp-config';
import { AgentWorker } from '../src/worker/agent-worker';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { everythingServer } from './support/mcp-test-servers';
import { childPids, processTree, waitUntilGone } from './support/process-tree';
import { temporalAddress } from './support/temporal-connection';
import { historyEvents, scheduledActivities, waitForRunningActivity } from './support/workflow-history';

let fixture: AgentFixture | undefined;
let folder: string | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function tempFile(name: string, content: string): string {
  folder ??= mkdtempSync(path.join(os.tmpdir(), 'mcp-config-'));
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

describe('MCP server lifecycle', () => {
  it('reports a server that cannot start (name, command, what it said) and runs without its tools', async () => {
    const statuses: McpServerStatus[] = [];
    fixture = await createAgentFixture({
      worker: {
        mcpServers: {
          broken: { command: 'mcp-server-that-does-not-exist', args: ['--stdio'] },
          everything: everythingServer(),
        },
        onMcpServerStatus: (status) => statuses.push(status),
      },
    });
    const failed = statuses.find((status) => status.name === 'broken' && status.state === 'failed');
    expect(failed).toMatchObject({ target: 'mcp-server-that-does-not-exist --stdio', tools: [] });
    expect(failed?.error).toContain('could not start "mcp-server-that-does-not-exist": command not found');

    const result = await fixture.agent.run('call everything_echo with {"message":"still working"}');
    expect(result.text).toBe('The everything_echo tool returned: Echo: still working');
  });

  it('restarts a stdio server that dies during a call and retries the call, which completes', async () => {
    const statuses: McpServerStatus[] = [];
    fixture = await createAgentFixture({
      worker: {
        mcpServers: { everything: everythingServer() },
        onMcpServerStatus: (status) => statuses.push(status),
      },
    });
    const guard = statuses.findLast((status) => status.state === 'ready')?.pid;
    expect(guard).toBeTypeOf('number');
    const run = await fixture.agent.stream(
      'call everything_trigger-long-running-operation with {"duration":3,"steps":3}',
    );
    await waitForRunningActivity(run.id, 'callTool');
    const [server] = childPids(guard!);
    process.kill(server!, 'SIGKILL');

    const result = await run.result();
    expect(result.status).toBe('completed');
    expect(result.text).toContain('Long running operation completed. Duration: 3 seconds, Steps: 3.');
    const restarting = statuses.find((status) => status.state === 'connecting' && status.error);
    expect(restarting?.error).toContain('the server closed the connection');
    expect(statuses.at(-1)).toMatchObject({ state: 'ready' });
    expect(statuses.at(-1)?.pid).not.toBe(guard);
    const calls = scheduledActivities(await historyEvents(run.id)).filter((each) => each.type === 'callTool');
    expect(calls.map((call) => call.attempt)).toEqual([2]); // one call, its second attempt completed
  });

  it('ends an MCP call at once when the run is stopped: the run is cancelled and the server keeps serving', async () => {
    fixture = await createAgentFixture({
      worker: { mcpServers: { everything: everythingServer() } },
      agent: { heartbeatTimeout: '2s' },
    });
    const run = await fixture.agent.stream(
      'call everything_trigger-long-running-operation with {"duration":60,"steps":60}',
    );
    await waitForRunningActivity(run.id, 'callTool');
    const stoppedAt = Date.now();
    await run.cancel();
    const result = await run.result();
    expect(result.status).toBe('cancelled');
    expect(Date.now() - stoppedAt).toBeLessThan(15_000); // not the 60 s of the call
    const next = await fixture.agent.run('call everything_echo with {"message":"after the stop"}');
    expect(next.text).toBe('The everything_echo tool returned: Echo: after the stop');
  });

  it('leaves no server process behind when the worker shuts down', async () => {
    const statuses: McpServerStatus[] = [];
    fixture = await createAgentFixture({
      worker: {
        mcpServers: { one: everythingServer(), two: everythingServer() },
        onMcpServerStatus: (status) => statuses.push(status),
      },
    });
    const pids = statuses.flatMap((status) =>
      status.state === 'ready' && status.pid ? processTree(status.pid) : [],
    );
    expect(pids.length).toBeGreaterThanOrEqual(4); // a guard and a server each
    await fixture.stopWorkers();
    expect(await waitUntilGone(pids, 10_000)).toEqual([]);
    expect(statuses.filter((status) => status.state === 'stopped').map((status) => status.name)).toEqual([
      'one',
      'two',
    ]);
  });
});

describe('MCP configuration', () => {
  it('names the file, line and column of an mcp.json that is not JSON', async () => {
    const file = tempFile('mcp.json', '{\n  "mcpServers": {\n    "files": { "command": "x", }\n  }\n}');
    await expect(readMcpConfigFile(file)).rejects.toThrow(
      new RegExp(`^the MCP configuration ${file} is not valid JSON: .*\\(line 3,? column \\d+\\)`),
    );
  });

  it('names the path and the field of an mcp.json that is not the shape', async () => {
    const file = tempFile(
      'mcp.json',
      JSON.stringify({
        mcpServers: { files: { command: 'x', args: 'y' }, web: { url: 'ftp://x' }, odd: {} },
      }),
    );
    const error = await readMcpConfigFile(file).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`${file} is not a valid MCP configuration`);
    expect(message).toContain('mcpServers.files.args: Invalid input: expected array, received string');
    expect(message).toContain('mcpServers.web.url: must be an http:// or https:// URL');
    expect(message).toContain('mcpServers.odd: needs "command"');
  });

  it('says how an mcp.json looks when "mcpServers" is missing, and that a missing file does not exist', async () => {
    await expect(readMcpConfigFile(tempFile('mcp.json', '{"servers": {}}'))).rejects.toThrow(
      'mcpServers: missing: an MCP configuration is {"mcpServers"',
    );
    await expect(readMcpConfigFile(path.join(os.tmpdir(), 'no-such-mcp.json'))).rejects.toThrow(
      /no-such-mcp\.json does not exist$/,
    );
  });

  it('refuses bad mcpServers in AgentWorker.create, naming the field, before starting anything', async () => {
    await expect(
      AgentWorker.create({
        name: 'assistant',
        temporal: { address: temporalAddress() },
        model: { name: 'none', stream: async function* () {} },
        mcpServers: { files: { command: '' } },
      }),
    ).rejects.toThrow('mcpServers.files.command: must be a non-empty command');
  });
});
