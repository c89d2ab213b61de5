import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

/** A lock left by a process that died is taken over after this long (the locked work takes milliseconds). */
const STALE_AFTER_MS = 5000;
const GIVE_UP_AFTER_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `action` while holding `<file>.lock`, so two `durable-agent agent` processes sharing a data
 * directory never write over each other's changes. The lock file holds the owner's pid: a lock whose
 * owner is gone, or that is older than a few seconds, is taken over.
 */
export function withFileLock<T>(file: string, action: () => T): T {
  const lock = `${file}.lock`;
  const startedAt = Date.now();
  for (;;) {
    try {
      const descriptor = openSync(lock, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lock)) {
        removeQuietly(lock);
        continue;
      }
      if (Date.now() - startedAt > GIVE_UP_AFTER_MS) {
        throw new Error(
          `${lock} has been held for over ${GIVE_UP_AFTER_MS / 1000}s; remove it if no agent runs`,
        );
      }
      Atomics.wait(sleeper, 0, 0, 10);
    }
  }
  try {
    return action();
  } finally {
    removeQuietly(lock);
  }
}

function isStale(lock: string): boolean {
  try {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) return true;
    return Date.now() - statSync(lock).mtimeMs > STALE_AFTER_MS;
  } catch {
    return false; // released meanwhile: try again
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
