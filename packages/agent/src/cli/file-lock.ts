import { tryPidLock } from '../locks/pid-lock';

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
  const lockFile = `${file}.lock`;
  const startedAt = Date.now();
  for (;;) {
    const lock = tryPidLock(lockFile, {}, { staleAfterMs: STALE_AFTER_MS });
    if (lock.acquired) {
      try {
        return action();
      } finally {
        lock.release();
      }
    }
    if (Date.now() - startedAt > GIVE_UP_AFTER_MS) {
      throw new Error(
        `${lockFile} has been held for over ${GIVE_UP_AFTER_MS / 1000}s; remove it if no agent runs`,
      );
    }
    Atomics.wait(sleeper, 0, 0, 10);
  }
}
