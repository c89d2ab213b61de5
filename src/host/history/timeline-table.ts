import type { Database } from 'better-sqlite3';
import type { TimelineEntry, TimelineKind } from '../../shared/models';

interface TimelineRow {
  id: number;
  run_id: string;
  conversation_id: string;
  kind: TimelineKind;
  at: string;
  detail: string;
  worker_id: string | null;
  attempt: number | null;
}

export type NewTimelineEntry = Omit<TimelineEntry, 'id' | 'conversationId'>;

/** Entries kept per run: the oldest go first (the run's first entry, `submitted`, stays). */
export const TIMELINE_LIMIT_PER_RUN = 200;

function toEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    runId: row.run_id,
    conversationId: row.conversation_id,
    kind: row.kind,
    at: row.at,
    detail: row.detail,
    ...(row.worker_id ? { workerId: row.worker_id } : {}),
    ...(row.attempt !== null ? { attempt: row.attempt } : {}),
  };
}

const select = `SELECT t.*, r.conversation_id FROM timeline t JOIN runs r ON r.id = t.run_id`;

/** What happened to each run, when: a bounded list per run. */
export class TimelineTable {
  constructor(private readonly database: Database) {}

  append(entry: NewTimelineEntry): TimelineEntry | undefined {
    const { lastInsertRowid, changes } = this.database
      .prepare(
        `INSERT INTO timeline (run_id, kind, at, detail, worker_id, attempt)
         SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM runs WHERE id = ?)`,
      )
      .run(
        entry.runId,
        entry.kind,
        entry.at,
        entry.detail,
        entry.workerId ?? null,
        entry.attempt ?? null,
        entry.runId,
      );
    if (changes === 0) return undefined;
    this.database
      .prepare(
        `DELETE FROM timeline WHERE run_id = ? AND id NOT IN (
           SELECT MIN(id) FROM timeline WHERE run_id = ?
           UNION SELECT id FROM (SELECT id FROM timeline WHERE run_id = ? ORDER BY id DESC LIMIT ?))`,
      )
      .run(entry.runId, entry.runId, entry.runId, TIMELINE_LIMIT_PER_RUN - 1);
    const row = this.database.prepare(`${select} WHERE t.id = ?`).get(lastInsertRowid) as TimelineRow;
    return toEntry(row);
  }

  byRun(runId: string): TimelineEntry[] {
    const rows = this.database
      .prepare(`${select} WHERE t.run_id = ? ORDER BY t.id`)
      .all(runId) as TimelineRow[];
    return rows.map(toEntry);
  }

  byConversation(conversationId: string): TimelineEntry[] {
    const rows = this.database
      .prepare(`${select} WHERE r.conversation_id = ? ORDER BY t.id`)
      .all(conversationId) as TimelineRow[];
    return rows.map(toEntry);
  }
}
