import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'durable-agent.lock';

/** Who holds a data folder, as written in its lock file. */
interface LockOwner {
  readonly pid: number;
  /** "web mode", "the desktop app"… */
  readonly app: string;
  readonly startedAt: string;
}

export interface DataFolderLock {
  /** Removes the lock file (if it is still ours). */
  release(): void;
}

/** Lock files held by this process (a second host in one process on one folder is refused too). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return Number.isInteger(owner.pid) && (owner.pid ?? 0) > 0 ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

const exists = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EEXIST';

/**
 * Creates the lock file only if there is none: written whole to a temporary file, then hard-linked (a
 * reader never sees it half written); where hard links are not supported, created exclusively in place.
 */
function tryCreate(file: string, owner: LockOwner): boolean {
  const content = `${JSON.stringify(owner)}\n`;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if (exists(error)) return false;
  } finally {
    rmSync(temporary, { force: true });
  }
  try {
    writeFileSync(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if (exists(error)) return false;
    throw error;
  }
}

function inUseMessage(dataDir: string, owner: LockOwner): string {
  return (
    `The data folder ${dataDir} is in use by another Durable Agent (${owner.app}, pid ${owner.pid}, ` +
    `started ${owner.startedAt}). Quit that one first, or start this one on another data folder ` +
    '(--data-dir or DURABLE_AGENT_DATA_DIR).'
  );
}

/**
 * One host per data folder (web mode and the desktop app alike): `<dataDir>/durable-agent.lock` holds the
 * owner's pid. A lock whose pid is no longer running (a host killed with -9, a crash) is stale and taken
 * over; a live one is refused with a message naming the folder and the other process. Throws that message.
 */
export function lockDataFolder(dataDir: string, app: string): DataFolderLock {
  const file = path.join(dataDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, app, startedAt: new Date().toISOString() };
  for (let tries = 0; !tryCreate(file, owner); tries++) {
    const current = readOwner(file);
    const stale =
      current === undefined || (current.pid === process.pid ? !heldHere.has(file) : !isAlive(current.pid));
    if (!stale || tries >= 2) {
      throw new Error(inUseMessage(dataDir, current ?? { pid: 0, app: 'unknown', startedAt: 'unknown' }));
    }
    rmSync(file, { force: true }); // stale: its process is gone; take it over
  }
  heldHere.add(file);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      if (readOwner(file)?.pid !== process.pid) return;
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    },
  };
}
