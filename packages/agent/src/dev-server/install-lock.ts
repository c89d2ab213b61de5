import { tryPidLock } from '../locks/pid-lock';

/** A lock older than this is a leftover (a first build takes minutes, not an hour). */
const STALE_AFTER_MS = 60 * 60 * 1000;
const POLL_MS = 500;

/**
 * Runs `action` while holding the lock file `lockFile` (holding its owner's pid), so two first starts
 * (the app and the CLI, say) do not both download or build into one cache: the second waits, then finds
 * the first one's binary. A lock whose owner is gone is taken over.
 */
export async function withInstallLock<T>(
  lockFile: string,
  report: (message: string) => void,
  signal: AbortSignal | undefined,
  action: () => Promise<T>,
): Promise<T> {
  let toldWaiting = false;
  for (;;) {
    signal?.throwIfAborted();
    const lock = tryPidLock(lockFile, {}, { staleAfterMs: STALE_AFTER_MS });
    if (lock.acquired) {
      try {
        return await action();
      } finally {
        lock.release();
      }
    }
    if (!toldWaiting) {
      report(
        `Another process (pid ${lock.owner?.pid ?? 'unknown'}) is getting the Temporal CLI; waiting for it`,
      );
      toldWaiting = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
