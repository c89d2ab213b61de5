import type { Migration } from './migration';

/** Tools a person chose to "Always allow" in a conversation: their calls need no approval there. */
export const allowedTools: Migration = {
  version: 5,
  name: 'allowed tools',
  sql: `CREATE TABLE allowed_tools (
      conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      tool_name TEXT NOT NULL,
      allowed_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, tool_name)
    );`,
};
