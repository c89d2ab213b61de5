import type { Database } from 'better-sqlite3';

/** The tools each conversation always allows (the approver's "Always allow <tool> in this conversation"). */
export class AllowedToolTable {
  constructor(private readonly database: Database) {}

  allow(conversationId: string, toolName: string, at: string): void {
    this.database
      .prepare(
        'INSERT OR IGNORE INTO allowed_tools (conversation_id, tool_name, allowed_at) VALUES (?, ?, ?)',
      )
      .run(conversationId, toolName, at);
  }

  byConversation(conversationId: string): string[] {
    const rows = this.database
      .prepare('SELECT tool_name FROM allowed_tools WHERE conversation_id = ? ORDER BY allowed_at, tool_name')
      .all(conversationId) as { tool_name: string }[];
    return rows.map((row) => row.tool_name);
  }
}
