import type { Database } from 'better-sqlite3';
import type { TimelineEntry } from '../../shared/models';
import { presentColumns } from './present-columns';

/** A row as `select` names its columns: the entry, with NULL where it has no worker or attempt. */
type TimelineRow = Omit<TimelineEntry, 'workerId' | 'attempt'> & {
  workerId: string | null;
  attempt: number | null;
};

export type NewTimelineEntry = Omit<TimelineEntry, 'id' | 'conversationId'>;

/** Entries kept per run: the oldest go first (the run's first entry, `submitted`, stays). */
export const TIMELINE_LIMIT_PER_RUN = 200;

function toEntry({ workerId, attempt, ...entry }: TimelineRow): TimelineEntry {
  return { ...entry, ...presentColumns({ workerId, attempt }) };
}

const select = `SELECT t.id, t.run_id AS runId, r.conversation_id AS conversationId, t.kind, t.at, t.detail,
  t.worker_id AS workerId, t.attempt FROM timeline t JOIN runs r ON r.id = t.run_id`;

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
    return this.entriesWhere('t.run_id = ?', runId);
  }

  byConversation(conversationId: string): TimelineEntry[] {
    return this.entriesWhere('r.conversation_id = ?', conversationId);
  }

  /** The entries that meet `condition` (on `value`), oldest first. */
  private entriesWhere(condition: string, value: string): TimelineEntry[] {
    const rows = this.database
      .prepare(`${select} WHERE ${condition} ORDER BY t.id`)
      .all(value) as TimelineRow[];
    return rows.map(toEntry);
  }
}
