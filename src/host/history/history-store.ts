import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AllowedToolTable } from './allowed-tool-table';
import { ConversationTable } from './conversation-table';
import { MessageTable } from './message-table';
import { migrate } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import { ModelProfileTable } from './model-profile-table';
import { RunTable } from './run-table';
import { SaveStatus } from './save-status';
import { TimelineTable } from './timeline-table';
import { WorkerEventTable } from './worker-event-table';

/** The app's durable record: conversations, messages, runs, timeline, worker events in one SQLite file. */
export class HistoryStore {
  readonly conversations: ConversationTable;
  readonly messages: MessageTable;
  readonly runs: RunTable;
  readonly timeline: TimelineTable;
  readonly workerEvents: WorkerEventTable;
  readonly allowedTools: AllowedToolTable;
  readonly modelProfiles: ModelProfileTable;
  /** The schema version after opening. */
  readonly version: number;
  /** Whether writes go through (a full disk makes them fail until space is freed). */
  readonly saving = new SaveStatus();

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
    this.allowedTools = new AllowedToolTable(database);
    this.modelProfiles = new ModelProfileTable(database);
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

  /**
   * SQLite's `PRAGMA quick_check`: undefined when the file is sound, else what is wrong (a damaged page, a
   * broken index). Reads every page once: fast for a chat history.
   */
  quickCheck(): string | undefined {
    const rows = this.database.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    return problems.length > 0 ? problems.slice(0, 3).join('; ') : undefined;
  }

  get isOpen(): boolean {
    return this.database.open;
  }

  /** Runs `work` in one transaction (all or nothing). */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work)();
  }

  close(): void {
    if (this.database.open) this.database.close();
  }
}
