import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everythingServer, filesystemServer } from '../support/mcp-test-servers';
import { processTree, waitUntilGone } from '../support/process-tree';
import { assertLibraryBuilt, type CliProcess } from './support/cli-process';
import { PROMPT, type Scenario, scenarioRegistry, WORKER_RUNNING } from './support/scenario';
import { streamBlock } from './support/stream-block';

const BIN = path.join(__dirname, '..', '..', 'bin', 'durable-agent.js');
const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

/** The pids below the worker: each MCP server's guard and the server in its process group. */
function descendants(worker: CliProcess): number[] {
  return processTree(worker.pid!).slice(1);
}

function writeConfig(scenario: Scenario, servers: Record<string, unknown>): string {
  const file = path.join(scenario.directory, 'mcp.json');
  writeFileSync(file, JSON.stringify({ mcpServers: servers }, null, 2));
  return file;
}

describe('durable-agent worker --mcp-config', () => {
  it('starts the servers, reports one that cannot start, and the agent calls an MCP tool with an approval prompt', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const config = writeConfig(scenario, {
      files: filesystemServer(scenario.directory),
      broken: { command: 'mcp-server-that-does-not-exist' },
    });
    const worker = await scenario.startWorker(['--mcp-config', config]);
    expect(worker.stdout).toMatch(
      /^\[mcp\] files: ready \(14 tools, MCP 2025-11-25\): files_read_file, files_read_text_file, /m,
    );
    expect(worker.stdout).toContain(
      '[mcp] broken: failed (mcp-server-that-does-not-exist) — the server exited before it answered; its stderr ends with: could not start "mcp-server-that-does-not-exist": command not found',
    );

    const agent = await scenario.startAgent();
    const target = path.join(scenario.directory, 'note.txt');
    const from = agent.mark();
    agent.send(`call files_write_file with ${JSON.stringify({ path: target, content: 'from the CLI' })}`);
    await agent.waitFor('approve? (y/n/a)> ', { from });
    expect(agent.stdout.slice(from)).toContain('[approval] files_write_file {"path":');
    expect(existsSync(target)).toBe(false);
    agent.send('y');
    const end = await agent.waitFor(`--- stream end ---\n${PROMPT}`, { from });
    const block = streamBlock(agent.stdout.slice(from, end));
    expect(block).toContain('[approval] approved');
    expect(block).toContain(`[tool result] Successfully wrote to ${target}`);
    expect(readFileSync(target, 'utf8')).toBe('from the CLI');
  });

  it('stops every server with the worker when a terminal’s Ctrl+C signals the worker’s process group', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const config = writeConfig(scenario, { one: everythingServer(), two: everythingServer() });
    // As in a terminal: the worker is a job in its own process group, and Ctrl+C signals that group.
    const worker = scenario.spawnCommand(
      'worker',
      process.execPath,
      [BIN, 'worker', '--mcp-config', config],
      scenario.directory,
    );
    await worker.waitFor(WORKER_RUNNING, { timeoutMs: 60_000 });
    const servers = descendants(worker);
    expect(servers.length).toBeGreaterThanOrEqual(4);

    process.kill(-worker.pid!, 'SIGINT');
    expect(await worker.waitForExit(20_000)).toEqual({ code: 0, signal: null });
    expect(await waitUntilGone(servers, 5000)).toEqual([]);
    expect(worker.stdout).toContain('[mcp] one: stopped');
  });

  it('takes the file from MCP_CONFIG and refuses one that is not JSON, naming it (exit code 2)', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const file = path.join(scenario.directory, 'mcp.json');
    writeFileSync(file, '{"mcpServers": {');
    const env = { ...scenario.environment(), MCP_CONFIG: file };
    const bad = scenario.spawnCommand(
      'worker (bad mcp.json)',
      process.execPath,
      [BIN, 'worker'],
      scenario.directory,
      env,
    );
    expect(await bad.waitForExit(20_000)).toEqual({ code: 2, signal: null });
    expect(bad.output).toContain(`[error] the MCP configuration ${file} is not valid JSON:`);
  });
});
