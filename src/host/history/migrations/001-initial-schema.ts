import type { Migration } from './migration';

/** Conversations, messages, runs, the bounded per-run timeline and worker events. */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX conversations_by_update ON conversations (updated_at DESC);

    CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('streaming', 'complete', 'interrupted', 'failed')),
      run_id TEXT,
      attempt INTEGER NOT NULL DEFAULT 1,
      usage_json TEXT,
      error_json TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX messages_by_position ON messages (conversation_id, position);

    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      workflow_id TEXT NOT NULL UNIQUE,
      conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      user_message_id TEXT NOT NULL,
      assistant_message_id TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      current_attempt INTEGER NOT NULL DEFAULT 1,
      prompt_tokens INTEGER NOT NULL DEFAULT 0,
      completion_tokens INTEGER NOT NULL DEFAULT 0,
      total_tokens INTEGER NOT NULL DEFAULT 0,
      wasted_tokens INTEGER NOT NULL DEFAULT 0,
      last_seq INTEGER NOT NULL DEFAULT -1,
      stream_message_id TEXT,
      worker_wait_json TEXT,
      retry_reason TEXT,
      error_json TEXT,
      transcript_json TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      finalized_at TEXT
    );
    CREATE INDEX runs_by_conversation ON runs (conversation_id, started_at);
    CREATE INDEX runs_unfinished ON runs (finalized_at) WHERE finalized_at IS NULL;

    CREATE TABLE timeline (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      detail TEXT NOT NULL,
      worker_id TEXT,
      attempt INTEGER
    );
    CREATE INDEX timeline_by_run ON timeline (run_id, id);

    CREATE TABLE worker_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      worker_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      pid INTEGER,
      detail TEXT NOT NULL
    );
  `,
};
