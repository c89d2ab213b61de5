import Database from 'better-sqlite3';
import { namingFile } from '../common/file-error';
import type { ConversationMessage } from '../common/types';
import { AppendingConversationStore } from './conversation-recording';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS conversation_runs (
    run_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    appended_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS conversation_messages (
    conversation_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    run_id TEXT NOT NULL REFERENCES conversation_runs(run_id),
    message TEXT NOT NULL,
    PRIMARY KEY (conversation_id, position)
  );
`;

/** Conversations in a SQLite file (WAL), safe to share between processes on one machine. */
export class SqliteConversationStore extends AppendingConversationStore {
  private readonly database: Database.Database;

  constructor(private readonly file: string) {
    super();
    this.database = namingFile(file, 'cannot open the conversations database', () => {
      const database = new Database(file);
      database.pragma('journal_mode = WAL');
      database.pragma('busy_timeout = 5000');
      database.exec(SCHEMA);
      return database;
    });
  }

  /** The conversation's messages so far, oldest first. */
  async load(conversationId: string): Promise<ConversationMessage[]> {
    const rows = namingFile(this.file, 'cannot read', () =>
      this.database
        .prepare('SELECT message FROM conversation_messages WHERE conversation_id = ? ORDER BY position')
        .all(conversationId),
    ) as { message: string }[];
    return rows.map((row) => JSON.parse(row.message) as ConversationMessage);
  }

  /** Appends a run's messages (once per run id); false when that run's messages were already here. */
  async appendRun(
    conversationId: string,
    runId: string,
    messages: readonly ConversationMessage[],
  ): Promise<boolean> {
    const append = this.database.transaction(() => {
      const inserted = this.database
        .prepare(
          'INSERT OR IGNORE INTO conversation_runs (run_id, conversation_id, appended_at) VALUES (?, ?, ?)',
        )
        .run(runId, conversationId, new Date().toISOString());
      if (inserted.changes === 0) return false;
      const { next } = this.database
        .prepare(
          'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM conversation_messages WHERE conversation_id = ?',
        )
        .get(conversationId) as { next: number };
      const insert = this.database.prepare(
        'INSERT INTO conversation_messages (conversation_id, position, run_id, message) VALUES (?, ?, ?, ?)',
      );
      for (const [index, message] of messages.entries()) {
        insert.run(conversationId, next + index, runId, JSON.stringify(message));
      }
      return true;
    });
    return namingFile(this.file, 'cannot save to', () => append.immediate());
  }

  /** The runs appended to a conversation, oldest first (what `export` reads their event logs for). */
  runs(conversationId: string): { readonly runId: string; readonly appendedAt: string }[] {
    return namingFile(this.file, 'cannot read', () =>
      this.database
        .prepare(
          'SELECT run_id AS runId, appended_at AS appendedAt FROM conversation_runs WHERE conversation_id = ? ORDER BY rowid',
        )
        .all(conversationId),
    ) as { runId: string; appendedAt: string }[];
  }

  /** Closes the database file. */
  close(): void {
    this.database.close();
  }
}
