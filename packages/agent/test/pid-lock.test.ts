import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, tryPidLock } from '../src/locks/pid-lock';

let directory: string;
let file: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'durable-agent-pid-lock-'));
  file = path.join(directory, 'some.lock');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** A pid that runs no process: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('tryPidLock', () => {
  it('writes its pid and details, refuses a second lock in the same process, and removes the file on release', () => {
    const lock = tryPidLock(file, { app: 'web mode' });
    expect(lock.acquired).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, app: 'web mode' });

    const second = tryPidLock(file, { app: 'the desktop app' });
    expect(second).toEqual({ acquired: false, owner: { pid: process.pid, app: 'web mode' } });

    if (lock.acquired) lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a lock held by another live process, naming it', () => {
    writeFileSync(file, JSON.stringify({ pid: process.ppid, app: 'the desktop app' }));
    expect(tryPidLock(file, {})).toEqual({
      acquired: false,
      owner: { pid: process.ppid, app: 'the desktop app' },
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over a lock whose process is gone, one written as a bare pid, and a damaged one', async () => {
    const pid = await deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    for (const content of [JSON.stringify({ pid }), String(pid), '{"pid": "garbage']) {
      writeFileSync(file, content);
      const lock = tryPidLock(file, {});
      expect(lock.acquired).toBe(true);
      if (lock.acquired) lock.release();
    }
  });

  it('takes over a lock older than staleAfterMs even if its pid runs (pids are reused)', () => {
    writeFileSync(file, JSON.stringify({ pid: process.ppid }));
    expect(tryPidLock(file, {}, { staleAfterMs: 60_000 }).acquired).toBe(false);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(file, anHourAgo, anHourAgo);
    expect(tryPidLock(file, {}, { staleAfterMs: 60_000 }).acquired).toBe(true);
  });

  it('leaves alone on release a lock that was taken over meanwhile', () => {
    const lock = tryPidLock(file, {});
    writeFileSync(file, JSON.stringify({ pid: process.ppid }));
    if (lock.acquired) lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.ppid);
  });
});
