import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compactWhenIdle } from '../src/worker/idle-compaction';
import { assertLibraryBuilt } from './cli/support/cli-process';

const execFileAsync = promisify(execFile);
const PROBE = path.join(__dirname, 'fixtures', 'idle-compaction-probe.cjs');

afterEach(() => {
  vi.useRealTimers();
});

/** Watches a worker whose `busy` is set by the test; counts compactions. */
function watch() {
  vi.useFakeTimers();
  const worker = { busy: false, compactions: 0 };
  const stop = compactWhenIdle({
    busy: () => worker.busy,
    compact: () => {
      worker.compactions++;
    },
    idleMs: 2000,
    checkMs: 500,
  });
  return { worker, stop };
}

describe('compactWhenIdle', () => {
  it('compacts once, 2 s after start, when nothing comes', () => {
    const { worker } = watch();
    vi.advanceTimersByTime(1500);
    expect(worker.compactions).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(worker.compactions).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(worker.compactions).toBe(1);
  });

  it('waits while the worker has work in hand, and compacts once after each stretch of work', () => {
    const { worker } = watch();
    worker.busy = true;
    vi.advanceTimersByTime(10_000);
    expect(worker.compactions).toBe(0);
    worker.busy = false;
    vi.advanceTimersByTime(2500);
    expect(worker.compactions).toBe(1);
    worker.busy = true;
    vi.advanceTimersByTime(500);
    worker.busy = false;
    vi.advanceTimersByTime(1500);
    expect(worker.compactions).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(worker.compactions).toBe(2);
  });

  it('stops watching when told', () => {
    const { worker, stop } = watch();
    stop();
    vi.advanceTimersByTime(10_000);
    expect(worker.compactions).toBe(0);
  });
});

/** Runs the probe in its own process, with `flags`, and reads the thread's heap before and after compaction. */
async function compactedThread(
  flags: string[],
): Promise<{ compaction: string; before: number; after: number }> {
  const { stdout } = await execFileAsync(process.execPath, [...flags, PROBE]);
  return JSON.parse(stdout);
}

describe('memoryCompaction', () => {
  assertLibraryBuilt();

  it('compacts the workflow threads too, in a lean process (V8’s gc, bytecode kept)', async () => {
    const { compaction, before, after } = await compactedThread(['--expose-gc', '--no-flush-bytecode']);
    expect(compaction).toBe('available');
    expect(after).toBeLessThan(before - 10);
  });

  it('is not there without --expose-gc, nor where V8 would throw the bytecode away', async () => {
    for (const flags of [[], ['--expose-gc']]) {
      expect((await compactedThread(flags)).compaction).toBe('none');
    }
  });
});
