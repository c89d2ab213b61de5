import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readProcess } from '../../src/cli/process-table';
import { isTemporalReachable } from '../../src/dev-server/is-temporal-reachable';
import { assertLibraryBuilt, CliProcess, REPOSITORY_ROOT } from './support/cli-process';

const directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-dev-server-ownership-'));
const started: CliProcess[] = [];
beforeAll(() => assertLibraryBuilt());
afterEach(async () => {
  for (const child of started.splice(0)) await child.kill();
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function startDevServer(label: string, args: readonly string[]): CliProcess {
  const child = CliProcess.start(
    label,
    ['dev-server', '--headless', ...args],
    { ...process.env, DURABLE_AGENT_DATA_DIR: path.join(directory, label) },
    REPOSITORY_ROOT,
  );
  started.push(child);
  return child;
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<number> {
  const since = Date.now();
  while (readProcess(pid) !== undefined) {
    if (Date.now() - since > timeoutMs) throw new Error(`pid ${pid} still runs after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - since;
}

describe('durable-agent dev-server owns its Temporal', () => {
  it('prints its pid and Temporal’s, and a kill -9 of it ends Temporal within 2 s', async () => {
    const server = startDevServer('killed', ['--port', '0']);
    await server.waitFor('Press Ctrl+C to stop.', { timeoutMs: 60_000 });
    const pids = /^Dev server pid (\d+), Temporal pid (\d+)/m.exec(server.stdout);
    expect(pids, server.output).not.toBeNull();
    const [commandPid, temporalPid] = [Number(pids?.[1]), Number(pids?.[2])];
    expect(commandPid).toBe(server.pid);
    expect(readProcess(temporalPid)?.command).toMatch(/temporal server start-dev/);
    const address = /ready at (\S+)/.exec(server.stdout)?.[1] ?? '';
    expect(server.stdout).toContain(`Temporal's log: ${path.join(directory, 'killed', 'temporal.log')}.`);

    server.signal('SIGKILL');

    expect(await waitUntilGone(temporalPid, 2000)).toBeLessThanOrEqual(2000);
    expect(await isTemporalReachable(address, 1000)).toBe(false);
    expect(existsSync(path.join(directory, 'killed', 'temporal.log'))).toBe(true);
  });

  it('says which process a server it did not start is, and how to stop it', async () => {
    const owner = startDevServer('owner', ['--port', '0', '--in-memory']);
    await owner.waitFor('Press Ctrl+C to stop.', { timeoutMs: 60_000 });
    const address = /ready at (\S+)/.exec(owner.stdout)?.[1] ?? '';
    const temporalPid = /Temporal pid (\d+)/.exec(owner.stdout)?.[1];
    const port = address.split(':').pop() ?? '';

    const second = startDevServer('second', ['--port', port]);
    expect((await second.waitForExit(30_000)).code).toBe(0);

    expect(second.stdout).toContain(`Reusing the Temporal server already running at ${address}`);
    expect(second.stdout).toContain('This command did not start it');
    expect(second.stdout).toContain(`It is pid ${temporalPid} (`);
    expect(second.stdout).toContain(`stop it with: kill ${temporalPid}`);
  });
});
