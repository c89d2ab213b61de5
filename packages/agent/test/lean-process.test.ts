import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertLibraryBuilt } from './cli/support/cli-process';

const PROBE = path.join(__dirname, 'fixtures', 'lean-worker-probe.cjs');
/** What a lean worker adds to the flags it was started with. */
const LEAN_FLAGS = ['--max-semi-space-size=8', '--expose-gc', '--no-flush-bytecode'];

interface Probe {
  readonly spawnedPid: number | undefined;
  readonly pid: number;
  readonly execArgv: string[];
  readonly arenas: string | null;
  readonly args: string[];
  readonly gc: string;
}

/** Runs the probe as its own process (with `--no-warnings` as a flag of the user's) and reads what it printed. */
async function probe(environment: NodeJS.ProcessEnv): Promise<Probe> {
  const { NODE_OPTIONS: _, MALLOC_ARENA_MAX: __, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--no-warnings', PROBE, 'one', '--two'], {
    env: { ...inherited, ...environment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code).toBe(0);
  return { spawnedPid: child.pid, ...JSON.parse(output) };
}

describe('becomeLeanWorker', () => {
  assertLibraryBuilt();

  it("re-executes the same process once with small semi-spaces, V8's gc and two malloc arenas, keeping its arguments", async () => {
    const lean = await probe({});
    expect(lean.pid).toBe(lean.spawnedPid);
    expect(lean.execArgv).toEqual([...LEAN_FLAGS, '--no-warnings']);
    expect(lean.gc).toBe('function');
    expect(lean.arenas).toBe('2');
    expect(lean.args).toEqual(['one', '--two']);
  });

  it('keeps the settings a user chose', async () => {
    const chosen = await probe({ MALLOC_ARENA_MAX: '8', NODE_OPTIONS: '--max-semi-space-size=16' });
    expect(chosen.execArgv).toEqual(['--expose-gc', '--no-flush-bytecode', '--no-warnings']);
    expect(chosen.arenas).toBe('8');
    const arenasOnly = await probe({ MALLOC_ARENA_MAX: '8' });
    expect(arenasOnly.execArgv).toEqual([...LEAN_FLAGS, '--no-warnings']);
    expect(arenasOnly.arenas).toBe('8');
  });

  it('leaves the process as Node started it with DURABLE_AGENT_LEAN_WORKER=0', async () => {
    const plain = await probe({ DURABLE_AGENT_LEAN_WORKER: '0' });
    expect(plain.execArgv).toEqual(['--no-warnings']);
    expect(plain.arenas).toBeNull();
    expect(plain.gc).toBe('undefined');
  });
});
