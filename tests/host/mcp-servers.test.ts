import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { McpServerStatus } from 'durable-agent';
import { describe, expect, it } from 'vitest';
import { processTree, waitUntilGone } from '../../packages/agent/test/support/process-tree';
import type { Host } from '../../src/host/host';
import type { WorkerInfo } from '../../src/shared/models';
import { setupTestHosts } from './support/setup-test-hosts';
import { waitUntil } from './support/wait-until';

const FILESYSTEM_SERVER = realpathSync(
  path.join(__dirname, '..', '..', 'node_modules', '.bin', 'mcp-server-filesystem'),
);

const { readyTestHost, dataDir } = setupTestHosts('mcp-servers');

/** The first worker's status of MCP server `name` once `until` holds for it. */
async function serverStatus(
  host: Host,
  name: string,
  until: (status: McpServerStatus) => boolean,
): Promise<{ worker: WorkerInfo; status: McpServerStatus }> {
  return waitUntil(
    async () => {
      const [worker] = (await host.handlers.listWorkers()) as WorkerInfo[];
      const status = worker?.mcpServers?.find((each) => each.name === name);
      return worker && status && until(status) ? { worker, status } : undefined;
    },
    `MCP server "${name}" to reach the expected status`,
    90_000,
  );
}

describe('Host MCP servers', () => {
  it('adds a server in Settings: the workers restart with it, show its tools, and an answer writes a file after approval', async () => {
    const { host, eventsOf } = await readyTestHost();
    const folder = dataDir();
    const saved = await host.handlers.saveMcpServer({
      name: 'files',
      enabled: true,
      transport: 'stdio',
      command: process.execPath,
      args: [FILESYSTEM_SERVER, folder],
      env: { FILES_TOKEN: 'secret-value' },
    });
    expect(saved).toEqual([
      {
        name: 'files',
        enabled: true,
        transport: 'stdio',
        command: process.execPath,
        args: [FILESYSTEM_SERVER, folder],
        envNames: ['FILES_TOKEN'],
      },
    ]);
    expect(JSON.stringify(eventsOf('mcpServersChanged'))).not.toContain('secret-value');
    const file = JSON.parse(readFileSync(path.join(folder, 'mcp.json'), 'utf8'));
    expect(file.mcpServers.files.env).toEqual({ FILES_TOKEN: 'secret-value' });

    const { status } = await serverStatus(host, 'files', (each) => each.state === 'ready');
    expect(status.tools.map((tool) => tool.name)).toContain('files_write_file');
    expect(status.tools.find((tool) => tool.name === 'files_read_text_file')?.requiresApproval).toBe(false);

    const target = path.join(folder, 'from-the-app.txt');
    const sent = await host.handlers.sendMessage({
      text: `call files_write_file with ${JSON.stringify({ path: target, content: 'hello from the app' })}`,
    });
    const asking = await waitUntil(
      () => eventsOf('runUpdated').find((run) => run.view.approvals.length > 0),
      'an approval request',
    );
    expect(asking.view.approvals[0]?.toolName).toBe('files_write_file');
    expect(existsSync(target)).toBe(false);
    await host.handlers.answerApproval({
      runId: sent.run.id,
      toolCallId: asking.view.approvals[0]!.toolCallId,
      approved: true,
    });
    await host.idle();

    const done = await host.handlers.loadConversation({ conversationId: sent.conversation.id });
    expect(done.messages[1]).toMatchObject({ status: 'complete' });
    expect(done.messages[1]?.text).toContain('Successfully wrote to');
    expect(readFileSync(target, 'utf8')).toBe('hello from the app');
  });

  it('shows a server that cannot start as failed with its reason, and a disabled one is not started', async () => {
    const { host } = await readyTestHost();
    await host.handlers.saveMcpServer({
      name: 'broken',
      enabled: true,
      transport: 'stdio',
      command: 'mcp-server-nope',
    });
    const { status } = await serverStatus(host, 'broken', (each) => each.state === 'failed');
    expect(status.error).toContain('could not start "mcp-server-nope": command not found');

    await host.handlers.setMcpServerEnabled({ name: 'broken', enabled: false });
    await waitUntil(async () => {
      const [worker] = (await host.handlers.listWorkers()) as WorkerInfo[];
      return worker?.status.state === 'ready' && worker.mcpServers === undefined;
    }, 'a worker without MCP servers');
    expect(await host.handlers.listMcpServers()).toMatchObject([{ name: 'broken', enabled: false }]);
    expect(await host.handlers.removeMcpServer({ name: 'broken' })).toEqual([]);
  });

  it('leaves no server process behind when a worker is killed (Kill -9) or stopped from the app', async () => {
    const { host } = await readyTestHost();
    await host.handlers.saveMcpServer({
      name: 'files',
      enabled: true,
      transport: 'stdio',
      command: process.execPath,
      args: [FILESYSTEM_SERVER, dataDir()],
    });
    const killed = await serverStatus(host, 'files', (each) => each.state === 'ready');
    const killedServers = processTree(killed.status.pid!);
    await host.handlers.killWorker({ workerId: killed.worker.id });
    expect(await waitUntilGone(killedServers, 5000)).toEqual([]);

    await host.handlers.startWorker({ workerId: killed.worker.id });
    const stopped = await serverStatus(
      host,
      'files',
      (each) => each.state === 'ready' && each.pid !== killed.status.pid,
    );
    const stoppedServers = processTree(stopped.status.pid!);
    await host.handlers.stopWorker({ workerId: stopped.worker.id });
    expect(await waitUntilGone(stoppedServers, 5000)).toEqual([]);
  });

  it('refuses a server that is not valid, naming the field', async () => {
    const { host } = await readyTestHost();
    await expect(
      host.handlers.saveMcpServer({
        name: 'web',
        enabled: true,
        transport: 'http',
        url: 'ftp://example.com',
      }),
    ).rejects.toThrow('mcpServers.web.url: must be an http:// or https:// URL');
    await expect(
      host.handlers.saveMcpServer({ name: 'cli', enabled: true, transport: 'stdio' }),
    ).rejects.toThrow('mcpServers.cli.command: must be a non-empty command');
  });
});
