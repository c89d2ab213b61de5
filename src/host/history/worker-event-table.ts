import type { Database } from 'better-sqlite3';

export interface WorkerEventRow {
  readonly id: number;
  readonly workerId: string;
  readonly kind: string;
  readonly at: string;
  readonly pid: number | null;
  readonly detail: string;
}

/** Worker events kept in all: the oldest go first. */
export const WORKER_EVENT_LIMIT = 1000;

/** A log of every worker's life (started, ready, failed, exited) for diagnosis after the fact. */
export class WorkerEventTable {
  constructor(private readonly database: Database) {}

  append(event: Omit<WorkerEventRow, 'id'>): void {
    this.database
      .prepare('INSERT INTO worker_events (worker_id, kind, at, pid, detail) VALUES (?, ?, ?, ?, ?)')
      .run(event.workerId, event.kind, event.at, event.pid, event.detail);
    this.database
      .prepare('DELETE FROM worker_events WHERE id <= (SELECT MAX(id) FROM worker_events) - ?')
      .run(WORKER_EVENT_LIMIT);
  }

  recent(limit = 100): WorkerEventRow[] {
    return this.database
      .prepare(
        `SELECT id, worker_id AS workerId, kind, at, pid, detail FROM worker_events ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as WorkerEventRow[];
  }
}
