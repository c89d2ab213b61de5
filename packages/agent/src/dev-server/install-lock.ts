import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A lock older than this is a leftover (a first build takes minutes, not an hour). */
const STALE_AFTER_MS = 60 * 60 * 1000;
const POLL_MS = 500;

/**
 * Runs `action` while holding `lockDirectory` (created atomically, holding its owner's pid), so two
 * first starts (the app and the CLI, say) do not both download or build into one cache: the second
 * waits, then finds the first one's binary. A lock whose owner is gone is taken over.
 */
export async function withInstallLock<T>(
  lockDirectory: string,
  report: (message: string) => void,
  signal: AbortSignal | undefined,
  action: () => Promise<T>,
): Promise<T> {
  let toldWaiting = false;
  for (;;) {
    signal?.throwIfAborted();
    try {
      await mkdir(lockDirectory);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await ownerOf(lockDirectory);
    if (owner === undefined || !isAlive(owner) || (await isStale(lockDirectory))) {
      await rm(lockDirectory, { recursive: true, force: true });
      continue;
    }
    if (!toldWaiting) {
      report(`Another process (pid ${owner}) is getting the Temporal CLI; waiting for it`);
      toldWaiting = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    await writeFile(path.join(lockDirectory, 'pid'), String(process.pid));
    return await action();
  } finally {
    await rm(lockDirectory, { recursive: true, force: true });
  }
}

async function ownerOf(lockDirectory: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path.join(lockDirectory, 'pid'), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    // Just created, its pid not written yet: treat as held for a moment.
    return (await isStale(lockDirectory, 5000)) ? undefined : -1;
  }
}

function isAlive(pid: number): boolean {
  if (pid === -1) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(lockDirectory: string, afterMs = STALE_AFTER_MS): Promise<boolean> {
  try {
    return Date.now() - (await stat(lockDirectory)).mtimeMs > afterMs;
  } catch {
    return true;
  }
}
