import { messageOf } from 'durable-agent';

/**
 * SQLite's codes for a write the file system refused — a full disk, an I/O error, a read-only file or
 * folder, a lock held elsewhere: it may pass once the cause is gone, so it is worth trying again. Any
 * other error (a constraint, a bug) would fail again the same way.
 */
const WRITE_FAILURES = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
];

export function isWriteFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' &&
    WRITE_FAILURES.some((failure) => code === failure || code.startsWith(`${failure}_`))
  );
}

/** Whether the last writes to history.db went through; `failing` from the first failure until one succeeds. */
export type SaveState =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failing'; readonly since: string; readonly error: string };

/**
 * The health of writes to history.db (a full disk, a read-only folder): writers that can wait — a run's
 * progress and ending, timeline entries, worker events — report here instead of throwing, and retry; the
 * host turns a change into a notice for the user.
 */
export class SaveStatus {
  private state: SaveState = { kind: 'ok' };
  private readonly listeners = new Set<(state: SaveState) => void>();

  current(): SaveState {
    return this.state;
  }

  failed(error: unknown): void {
    if (this.state.kind === 'failing') return;
    const message = messageOf(error);
    this.change({ kind: 'failing', since: new Date().toISOString(), error: message });
  }

  succeeded(): void {
    if (this.state.kind === 'ok') return;
    this.change({ kind: 'ok' });
  }

  onChange(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private change(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
