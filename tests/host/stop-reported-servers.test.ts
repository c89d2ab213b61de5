import { spawn } from 'node:child_process';
import type { McpServerStatus } from 'durable-agent';
import { describe, expect, it } from 'vitest';
import { waitUntilGone } from '../../packages/agent/test/support/process-tree';
import { stopReportedServers } from '../../src/host/workers/stop-reported-servers';

function status(name: string, state: McpServerStatus['state'], pid?: number): McpServerStatus {
  return { name, transport: 'stdio', target: 'server', state, tools: [], ...(pid ? { pid } : {}) };
}

describe('stopReportedServers', () => {
  it('stops the stdio servers a worker that ended last reported running, and skips stopped ones', async () => {
    const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const signalled: number[] = [];
    stopReportedServers(
      [status('running', 'ready', server.pid), status('closed', 'stopped', 1), status('remote', 'ready')],
      (pid, signal) => {
        signalled.push(pid);
        process.kill(pid, signal);
      },
    );
    expect(signalled).toEqual([server.pid]);
    expect(await waitUntilGone([server.pid!], 5000)).toEqual([]);
  });

  it('ignores a server that is gone already', () => {
    expect(() => stopReportedServers([status('gone', 'ready', 2 ** 22 + 12_345)])).not.toThrow();
  });
});
