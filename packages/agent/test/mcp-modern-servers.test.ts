import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as ClientOf2025 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioOf2025 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpOf2025 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerStatus } from '../src/mcp/mcp-status';
import { type AgentFixture, createAgentFixture } from './support/agent-fixture';
import { McpHttpServer, modernOnlyServer } from './support/mcp-test-servers';
import { childPids } from './support/process-tree';

let fixture: AgentFixture | undefined;
let httpServer: McpHttpServer | undefined;
let folder: string | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  await httpServer?.stop();
  httpServer = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** How a client of the 2025 revisions (the v1 SDK) fares with a server: `connected`, or the error. */
async function connectAs2025Client(transport: StdioOf2025 | HttpOf2025): Promise<string> {
  const client = new ClientOf2025({ name: 'client-of-2025', version: '1.0.0' });
  try {
    await client.connect(transport, { timeout: 20_000 });
    return 'connected';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function waitForStatus(
  statuses: readonly McpServerStatus[],
  matches: (status: McpServerStatus) => boolean,
): Promise<McpServerStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = statuses.find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such status; seen: ${JSON.stringify(statuses)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('MCP servers that speak only the 2026-07-28 revision', () => {
  it('the test server refuses a 2025 client over stdio and over HTTP (so it is 2026-07-28 only)', async () => {
    const stdio = modernOnlyServer();
    expect(await connectAs2025Client(new StdioOf2025({ command: stdio.command, args: stdio.args }))).toMatch(
      /Unsupported protocol version: 2025-11-25/,
    );
    httpServer = await McpHttpServer.modernOnly();
    expect(await connectAs2025Client(new HttpOf2025(new URL(httpServer.url)))).toMatch(
      /Unsupported protocol version: 2025-11-25/,
    );
  });

  it('a run calls a tool of a 2026-07-28-only server over stdio', async () => {
    const statuses: McpServerStatus[] = [];
    fixture = await createAgentFixture({
      worker: {
        mcpServers: { modern: modernOnlyServer() },
        onMcpServerStatus: (status) => statuses.push(status),
      },
    });
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', protocolVersion: '2026-07-28' });
    const result = await fixture.agent.run('call modern_add with {"a":2,"b":3}');
    expect(result.status).toBe('completed');
    expect(result.text).toBe('The modern_add tool returned: 2 + 3 = 5');
  });

  it('a run calls a tool of a 2026-07-28-only server over Streamable HTTP', async () => {
    httpServer = await McpHttpServer.modernOnly();
    const statuses: McpServerStatus[] = [];
    fixture = await createAgentFixture({
      worker: {
        mcpServers: { remote: { url: httpServer.url } },
        onMcpServerStatus: (status) => statuses.push(status),
      },
    });
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', protocolVersion: '2026-07-28' });
    const result = await fixture.agent.run('call remote_add with {"a":40,"b":2}');
    expect(result.status).toBe('completed');
    expect(result.text).toBe('The remote_add tool returned: 40 + 2 = 42');
  });

  it('restarts a 2026-07-28-only stdio server that died without probing it again, and the next run uses it', async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'mcp-modern-'));
    const starts = path.join(folder, 'starts');
    const statuses: McpServerStatus[] = [];
    fixture = await createAgentFixture({
      worker: {
        mcpServers: { modern: modernOnlyServer({ env: { STARTS_FILE: starts } }) },
        onMcpServerStatus: (status) => statuses.push(status),
      },
    });
    const startsOf = () => readFileSync(starts, 'utf8').trim().split('\n').length;
    // The first connection probes the revision on a process of its own, then starts the server.
    expect(startsOf()).toBe(2);
    const guard = statuses.findLast((status) => status.state === 'ready')?.pid;
    expect(guard).toBeTypeOf('number');
    const [server] = childPids(guard!);
    process.kill(server!, 'SIGKILL');

    await waitForStatus(statuses, (status) => status.state === 'ready' && status.pid !== guard);
    // The restart knows the server speaks 2026-07-28: one start, no probe.
    expect(startsOf()).toBe(3);
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', protocolVersion: '2026-07-28' });
    const result = await fixture.agent.run('call modern_add with {"a":1,"b":1}');
    expect(result.text).toBe('The modern_add tool returned: 1 + 1 = 2');
  });
});
