import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readProcess } from '../../src/cli/process-table';
import { assertLibraryBuilt, type CliProcess, REPOSITORY_ROOT } from './support/cli-process';
import {
  conversationIdOf,
  type Scenario,
  scenarioRegistry,
  WORKER_RUNNING,
  WORKER_STARTING,
} from './support/scenario';

const scenarios = scenarioRegistry();
beforeAll(() => assertLibraryBuilt());
afterEach(() => scenarios.closeAll());

const BIN = path.join(REPOSITORY_ROOT, 'packages', 'agent', 'bin', 'durable-agent.js');

/** The crash command the README gives for scenario 3b, read from the README itself. */
function readmeCrashCommand(): string {
  const readme = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const command = /`(kill -9 \$\(pgrep -u "\$USER" -f [^`]*worker[^`]*\))`/.exec(readme)?.[1];
  if (command === undefined)
    throw new Error('README.md gives no `kill -9 $(pgrep -u "$USER" -f …worker…)` command');
  return command;
}

/** The pid a `worker` or `agent` printed on its own line at start. */
function printedPid(child: CliProcess, what: 'Worker' | 'Agent'): number {
  const match = new RegExp(`^${what} pid (\\d+) — simulate a crash with: kill -9 (\\d+)$`, 'm').exec(
    child.stdout,
  );
  if (match === null || match[1] !== match[2])
    throw new Error(`${child.label} printed no pid line:\n${child.output}`);
  return Number(match[1]);
}

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((each) => readProcess(each)?.parentPid === pid);
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (readProcess(pid) === undefined) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return readProcess(pid) === undefined;
}

/** `npx durable-agent worker` from the repository, as the README says; resolves once it runs. */
async function startWithNpx(scenario: Scenario): Promise<CliProcess> {
  const wrapper = scenario.spawnCommand('npx worker', 'npx', ['durable-agent', 'worker'], REPOSITORY_ROOT);
  await wrapper.waitFor(WORKER_RUNNING, { timeoutMs: 90_000 });
  return wrapper;
}

/** The pids matched by the `pgrep -u "$USER" -f '…'` inside a `kill -9 $(pgrep … -f '…')` command. */
function pgrepOf(command: string): number[] {
  const pattern = /-f '([^']+)'/.exec(command)?.[1] ?? /-f "([^"]+)"/.exec(command)?.[1];
  if (pattern === undefined) throw new Error(`no quoted pgrep -f pattern in ${command}`);
  const found = spawnSync('pgrep', ['-u', String(process.getuid?.() ?? ''), '-f', pattern], {
    encoding: 'utf8',
  }).stdout;
  return found.split('\n').filter(Boolean).map(Number);
}

const canUsePidNamespace =
  process.platform === 'linux' &&
  spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

describe('durable-agent worker and agent: finding them to crash them (scenarios 3b, 5b, 6)', () => {
  it('the worker prints its own pid on a line of its own after the seed line, and is titled durable-agent-worker', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const worker = await scenario.startWorker(['--name', 'titled']);

    const lines = worker.stdout.split('\n');
    expect(lines[0]).toBe(WORKER_STARTING(scenario.taskQueue));
    expect(lines[1]).toBe(`Worker pid ${worker.pid} — simulate a crash with: kill -9 ${worker.pid}`);
    expect(lines).toContain(WORKER_RUNNING);
    expect(readProcess(worker.pid!)?.command).toBe('durable-agent-worker --name titled');
  });

  it('the agent prints its own pid on a line of its own in the banner', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const agent = await scenario.startAgent();

    const conversationId = conversationIdOf(agent);
    expect(agent.stdout).toContain(
      `Conversation ${conversationId} (continue it later with --conversation ${conversationId}).\n` +
        `Agent pid ${agent.pid} — simulate a crash with: kill -9 ${agent.pid}\n` +
        "Type 'exit' or 'quit' or 'bye' to stop.\nyou> ",
    );
    expect(printedPid(agent, 'Agent')).toBe(agent.pid);
  });

  it('npx durable-agent worker: kill -9 of the npm wrapper ends the real worker within 5 s', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const wrapper = await startWithNpx(scenario);
    const workerPid = printedPid(wrapper, 'Worker');
    // npx is `npm exec …` → `sh -c durable-agent worker` → the worker: the printed pid is the last one.
    expect(workerPid).not.toBe(wrapper.pid);
    expect(readProcess(wrapper.pid!)?.command).toMatch(/^npm exec durable-agent worker/);
    const [shell] = childrenOf(wrapper.pid!);
    expect(readProcess(shell!)?.command).toMatch(/^sh -c .*durable-agent.* worker$/);
    expect(childrenOf(shell!)).toEqual([workerPid]);

    wrapper.signal('SIGKILL');
    expect(await wrapper.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await waitUntilGone(workerPid, 5000)).toBe(true);
    expect(wrapper.output).toContain(
      `The process that started this worker (pid ${wrapper.pid}, npm exec durable-agent worker) is gone: stopping.`,
    );
    expect(await waitUntilGone(shell!, 2000)).toBe(true);
  });

  it('npx durable-agent agent: kill -9 of the npm wrapper ends the real agent within 5 s', async () => {
    const scenario = await scenarios.create({ pace: 0 });
    await scenario.startWorker();
    const wrapper = scenario.spawnCommand('npx agent', 'npx', ['durable-agent', 'agent'], REPOSITORY_ROOT);
    await wrapper.waitFor('you> ', { timeoutMs: 90_000 });
    const agentPid = printedPid(wrapper, 'Agent');
    expect(agentPid).not.toBe(wrapper.pid);

    wrapper.signal('SIGKILL');

    expect(await waitUntilGone(agentPid, 5000)).toBe(true);
  });

  it("the README's crash command matches the real worker of npx and of a global install, never a wrapper, and kills it", async () => {
    const scenario = await scenarios.create({ pace: 0 });
    const command = readmeCrashCommand();
    const npx = await startWithNpx(scenario);
    const npxWorker = printedPid(npx, 'Worker');
    const [npxShell] = childrenOf(npx.pid!);
    // A global install puts a `durable-agent` symlink to the bin on PATH, run from the user's shell.
    const globalBin = path.join(scenario.directory, 'global-bin');
    mkdirSync(globalBin);
    symlinkSync(BIN, path.join(globalBin, 'durable-agent'));
    const shell = scenario.spawnCommand(
      'global worker',
      'sh',
      ['-c', 'durable-agent worker; echo exited'],
      scenario.directory,
      {
        ...scenario.environment(),
        PATH: `${globalBin}${path.delimiter}${process.env.PATH}`,
      },
    );
    await shell.waitFor(WORKER_RUNNING, { timeoutMs: 60_000 });
    const globalWorker = printedPid(shell, 'Worker');

    // Other tests' workers may match too: only this test's processes are looked at and killed.
    const matched = pgrepOf(command);
    expect(matched).toEqual(expect.arrayContaining([npxWorker, globalWorker]));
    expect(matched).not.toContain(npx.pid);
    expect(matched).not.toContain(npxShell);
    expect(matched).not.toContain(shell.pid);
    execFileSync('kill', ['-9', String(npxWorker), String(globalWorker)]);

    expect(await waitUntilGone(npxWorker, 2000)).toBe(true);
    expect(await waitUntilGone(globalWorker, 2000)).toBe(true);
    await shell.waitFor('exited\n');
    await npx.waitForExit(5000);
    expect(npx.stdout).not.toContain('Shutting down agent worker...');
    expect(shell.stdout).not.toContain('Shutting down agent worker...');
  });

  it.skipIf(!canUsePidNamespace)(
    "the README's crash command, run as written, kills the worker started with npx, and no wrapper is left",
    async () => {
      const scenario = await scenarios.create({ pace: 0 });
      const log = path.join(scenario.directory, 'worker.log');
      // In a PID namespace of its own, the command sees only this test's processes (not other tests' workers).
      const script = [
        `npx durable-agent worker > '${log}' 2>&1 &`,
        `for i in $(seq 1 450); do grep -q '${WORKER_RUNNING}' '${log}' && break; sleep 0.2; done`,
        // The markers are built at run time: the script's own command line (shown by ps) must not hold them.
        'marker=before; echo "--- $marker"; ps -eo args=',
        readmeCrashCommand(),
        "for i in $(seq 1 50); do ps -eo args= | grep -qE '^(durable-agent-worker|npm exec durable-agent)' || break; sleep 0.1; done",
        'marker=after; echo "--- $marker"; ps -eo args=',
      ].join('\n');
      const { stdout } = await promisify(execFile)(
        'unshare',
        ['--pid', '--fork', '--mount-proc', 'bash', '-c', script],
        {
          cwd: REPOSITORY_ROOT,
          // A login shell sets USER; a test runner's environment may not.
          env: { ...scenario.environment(), USER: os.userInfo().username },
          timeout: 120_000,
        },
      );
      const [before = '', after = ''] = stdout.split('--- after');
      expect(readFileSync(log, 'utf8')).toContain(WORKER_RUNNING);
      expect(before).toMatch(/^npm exec durable-agent worker/m);
      expect(before).toMatch(/^durable-agent-worker$/m);
      expect(after).not.toMatch(/durable-agent-worker|npm exec durable-agent|sh -c .*durable-agent/);
      // A crash: no graceful shutdown was printed.
      expect(readFileSync(log, 'utf8')).not.toContain('Shutting down agent worker...');
    },
  );
});
