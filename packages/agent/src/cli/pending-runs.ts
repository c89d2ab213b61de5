import Database from 'better-sqlite3';

export interface PendingRun {
  /** The run's id (`run.id`, its workflow id), for `agent.attach`. */
  readonly id: string;
  readonly conversationId: string;
  readonly prompt: string;
  readonly startedAt: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cli_pending_runs (
    run_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    started_at TEXT NOT NULL
  );
`;

/**
 * The runs this REPL started whose result is not yet in the conversation store. If the agent process
 * dies mid-run, the workflow still finishes on the worker; a later `--conversation <id>` finds the run
 * here, re-attaches and records its result, so the conversation does not lose the answer.
 * Kept in the conversations SQLite file, next to the store's own tables.
 */
export class PendingRuns {
  private readonly database: Database.Database;

  constructor(file: string) {
    this.database = new Database(file);
    this.database.pragma('journal_mode = WAL');
    this.database.pragma('busy_timeout = 5000');
    this.database.exec(SCHEMA);
  }

  add(run: PendingRun): void {
    this.database
      .prepare(
        'INSERT OR REPLACE INTO cli_pending_runs (run_id, conversation_id, prompt, started_at) VALUES (?, ?, ?, ?)',
      )
      .run(run.id, run.conversationId, run.prompt, run.startedAt);
  }

  remove(id: string): void {
    this.database.prepare('DELETE FROM cli_pending_runs WHERE run_id = ?').run(id);
  }

  /** The conversation's pending runs, oldest first. */
  list(conversationId: string): PendingRun[] {
    return this.database
      .prepare(
        `SELECT run_id AS id, conversation_id AS conversationId, prompt, started_at AS startedAt
         FROM cli_pending_runs WHERE conversation_id = ? ORDER BY started_at, rowid`,
      )
      .all(conversationId) as PendingRun[];
  }

  close(): void {
    this.database.close();
  }
}
