import { closeSync, existsSync, openSync, readSync, renameSync } from 'node:fs';
import { messageOf } from 'durable-agent';
import { HistoryStore } from './history-store';

export interface OpenedHistory {
  readonly store: HistoryStore;
  /** Set when the file was damaged and moved aside: where to, and SQLite's words about it. */
  readonly movedAside?: { readonly file: string; readonly reason: string };
}

/** SQLite's own codes for a damaged file: not a database at all (garbage), or a broken page or index. */
function isDamage(error: unknown): error is Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether the file starts as every SQLite database does. Checked before SQLite opens it: SQLite, failing to
 * open a garbage file, would delete its `-wal` on the way out, and that log may hold the latest answers.
 */
function hasSqliteHeader(file: string): boolean {
  if (!existsSync(file)) return true;
  const descriptor = openSync(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(descriptor, header, 0, header.length, 0);
    return read === 0 || header.equals(SQLITE_HEADER); // an empty file is a new database to SQLite
  } finally {
    closeSync(descriptor);
  }
}

/** The store when the file opened and passed SQLite's quick check; else why it cannot be used as it is. */
function damageOf(file: string): { store: HistoryStore } | { reason: string } {
  if (!hasSqliteHeader(file)) return { reason: 'file is not a database' };
  let store: HistoryStore | undefined;
  try {
    store = HistoryStore.open(file);
    const problem = store.quickCheck();
    if (!problem) return { store };
    store.close();
    return { reason: `SQLite's quick check: ${problem}` };
  } catch (error) {
    store?.close();
    if (isDamage(error)) return { reason: error.message };
    throw new Error(`${file} could not be opened: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

/**
 * Opens the app's history. A damaged file (overwritten with garbage, truncated, a broken page) does not stop
 * the app: it is moved aside — with its `-wal`/`-shm`, which must not be replayed into a new file — to
 * `history.db.corrupt-<timestamp>`, where it stays for recovery, and a new, empty history is started. The
 * caller tells the user (the result says where the file went). Other failures (a folder that cannot be
 * written, a database newer than this app) still throw, naming the file.
 */
export function openHistory(file: string, now = new Date()): OpenedHistory {
  const opened = damageOf(file);
  if ('store' in opened) return opened;
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return { store: HistoryStore.open(file), movedAside: { file: aside, reason: opened.reason } };
}

/** What the user is told about a history moved aside. */
export function movedAsideMessage(
  file: string,
  movedAside: NonNullable<OpenedHistory['movedAside']>,
): string {
  return (
    `The history file ${file} was damaged and could not be opened (${movedAside.reason}). ` +
    `It was moved aside to ${movedAside.file}, and the app started with a new, empty history; ` +
    'your earlier conversations are still in that file.'
  );
}
