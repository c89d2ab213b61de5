import { linkSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Who holds a lock file: its pid, and what the locker wrote beside it (an app's name, a start time…). */
export type PidLockOwner<Details extends object = object> = { readonly pid: number } & Partial<Details>;

/** How `tryPidLock` treats a lock file it finds. */
export interface PidLockOptions {
  /** A lock file older than this is a leftover even if its pid is running (pids are reused). */
  readonly staleAfterMs?: number;
}

/** One try at a lock file: ours (release it when done), or held by a live owner. */
export type PidLockAttempt<Details extends object> =
  | {
      readonly acquired: true;
      /** Deletes the lock file, if it still names this process. */
      release(): void;
    }
  | { readonly acquired: false; readonly owner: PidLockOwner<Details> | undefined };

/** Lock files held by this process: a lock naming our own pid that is not in here was left by a dead one. */
const heldHere = new Set<string>();

/** Whether a process with this pid runs (one we may not signal runs too). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Tries once to take `file` as a lock holding `{ pid, ...details }`. A lock whose pid is gone (a process
 * killed with -9, a crash), a damaged one, or one older than `staleAfterMs` is stale and taken over; a
 * lock of this process is held (a second lock on one file in one process is refused too). Never waits:
 * the caller decides whether to wait, report or refuse.
 */
export function tryPidLock<Details extends object>(
  file: string,
  details: Details,
  options: PidLockOptions = {},
): PidLockAttempt<Details> {
  const key = path.resolve(file);
  let owner: PidLockOwner<Details> | undefined;
  for (let tries = 0; tries < 3; tries++) {
    if (tryCreate(file, `${JSON.stringify({ pid: process.pid, ...details })}\n`)) {
      heldHere.add(key);
      return { acquired: true, release: () => release(file, key) };
    }
    const found = readOwner<Details>(file);
    if (found === 'gone') continue; // released meanwhile: try again
    owner = found === 'damaged' || found === 'being written' ? undefined : found;
    if (!isStale(file, key, found, options)) return { acquired: false, owner };
    rmSync(file, { force: true }); // stale: its process is gone; take it over
  }
  return { acquired: false, owner };
}

/**
 * Creates the lock file only if there is none: written whole to a temporary file, then hard-linked (a
 * reader never sees it half written); where hard links are not supported, created exclusively in place.
 */
function tryCreate(file: string, content: string): boolean {
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

const exists = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EEXIST';

type ReadOwner<Details extends object> = PidLockOwner<Details> | 'gone' | 'damaged' | 'being written';

function readOwner<Details extends object>(file: string): ReadOwner<Details> {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'damaged';
  }
  if (content === '') return 'being written'; // created in place, its content not written yet
  try {
    const parsed = JSON.parse(content) as unknown;
    // A bare pid is what earlier versions wrote.
    const owner = (typeof parsed === 'number' ? { pid: parsed } : parsed) as PidLockOwner<Details> | null;
    return Number.isInteger(owner?.pid) && owner!.pid > 0 ? owner! : 'damaged';
  } catch {
    return 'damaged';
  }
}

function isStale<Details extends object>(
  file: string,
  key: string,
  found: PidLockOwner<Details> | 'damaged' | 'being written',
  options: PidLockOptions,
): boolean {
  if (found === 'damaged') return true;
  if (found === 'being written') return ageMs(file) > 5000;
  if (found.pid === process.pid ? !heldHere.has(key) : !isProcessAlive(found.pid)) return true;
  return options.staleAfterMs !== undefined && ageMs(file) > options.staleAfterMs;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0; // released meanwhile
  }
}

/** Removes the lock file if it is still ours (a lock taken over as stale belongs to its new owner). */
function release(file: string, key: string): void {
  if (!heldHere.delete(key)) return;
  const owner = readOwner(file);
  if (typeof owner !== 'object' || owner.pid !== process.pid) return;
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
