import path from 'node:path';
import { type PidLockOwner, tryPidLock } from 'durable-agent';

export const LOCK_FILE = 'durable-agent.lock';

/** What a data folder's lock file says beside the owner's pid. */
interface LockDetails {
  /** "web mode", "the desktop app"… */
  readonly app: string;
  readonly startedAt: string;
}

export interface DataFolderLock {
  /** Removes the lock file (if it is still ours). */
  release(): void;
}

function inUseMessage(dataDir: string, owner: PidLockOwner<LockDetails> | undefined): string {
  return (
    `The data folder ${dataDir} is in use by another Durable Agent (${owner?.app ?? 'unknown'}, ` +
    `pid ${owner?.pid ?? 0}, started ${owner?.startedAt ?? 'unknown'}). Quit that one first, or start ` +
    'this one on another data folder (--data-dir or DURABLE_AGENT_DATA_DIR).'
  );
}

/**
 * One host per data folder (web mode and the desktop app alike): `<dataDir>/durable-agent.lock` holds the
 * owner's pid. A lock whose pid is no longer running (a host killed with -9, a crash) is stale and taken
 * over; a live one is refused with a message naming the folder and the other process. Throws that message.
 */
export function lockDataFolder(dataDir: string, app: string): DataFolderLock {
  const lock = tryPidLock(path.join(dataDir, LOCK_FILE), { app, startedAt: new Date().toISOString() });
  if (!lock.acquired) throw new Error(inUseMessage(dataDir, lock.owner));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      lock.release();
    },
  };
}
