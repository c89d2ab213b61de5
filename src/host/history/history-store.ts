import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConversationTable } from './conversation-table';
import { MessageTable } from './message-table';
import { migrate } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import { RunTable } from './run-table';
import { TimelineTable } from './timeline-table';
import { WorkerEventTable } from './worker-event-table';

/** The app's durable record: conversations, messages, runs, timeline, worker events in one SQLite file. */
export class HistoryStore {
  readonly conversations: ConversationTable;
  readonly messages: MessageTable;
  readonly runs: RunTable;
  readonly timeline: TimelineTable;
  readonly workerEvents: WorkerEventTable;
  /** The schema version after opening. */
  readonly version: number;

  private constructor(
    private readonly database: Database.Database,
    version: number,
  ) {
    this.version = version;
    this.conversations = new ConversationTable(database);
    this.messages = new MessageTable(database);
    this.runs = new RunTable(database);
    this.timeline = new TimelineTable(database);
    this.workerEvents = new WorkerEventTable(database);
  }

  /** Opens (creating it and its folder) and migrates the database file; WAL, foreign keys on. */
  static open(file: string, migrations: readonly Migration[] = allMigrations): HistoryStore {
    mkdirSync(path.dirname(file), { recursive: true });
    const database = new Database(file);
    try {
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      return new HistoryStore(database, migrate(database, migrations));
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /** Runs `work` in one transaction (all or nothing). */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work)();
  }

  close(): void {
    if (this.database.open) this.database.close();
  }
}
