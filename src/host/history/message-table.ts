import type { Database } from 'better-sqlite3';
import type {
  ChatMessage,
  ErrorInfo,
  MessageRole,
  MessageStatus,
  ToolCallRecord,
  UsageTotals,
} from '../../shared/models';

interface MessageRow {
  id: string;
  conversation_id: string;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  run_id: string | null;
  attempt: number;
  usage_json: string | null;
  error_json: string | null;
  tool_calls: string | null;
  created_at: string;
  updated_at: string;
}

function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role,
    text: row.text,
    status: row.status,
    attempt: row.attempt,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.run_id ? { runId: row.run_id } : {}),
    ...(row.usage_json ? { usage: JSON.parse(row.usage_json) as UsageTotals } : {}),
    ...(row.error_json ? { error: JSON.parse(row.error_json) as ErrorInfo } : {}),
    ...(row.tool_calls ? { toolCalls: JSON.parse(row.tool_calls) as ToolCallRecord[] } : {}),
  };
}

function toolCallsJson(toolCalls: readonly ToolCallRecord[] | undefined): string | null {
  return toolCalls && toolCalls.length > 0 ? JSON.stringify(toolCalls) : null;
}

/** A message to insert: the stored fields it starts with, and when. */
export type NewMessage = Pick<ChatMessage, 'id' | 'conversationId' | 'role' | 'text' | 'status' | 'runId'> & {
  readonly at: string;
};

export interface FinalMessage {
  readonly text: string;
  readonly status: Exclude<MessageStatus, 'streaming'>;
  readonly attempt: number;
  readonly usage?: UsageTotals;
  readonly error?: ErrorInfo;
  /** Replaces the stored tool calls when given (empty clears them); left out, the stored ones stay. */
  readonly toolCalls?: readonly ToolCallRecord[];
}

/** Chat messages in conversation order. */
export class MessageTable {
  constructor(private readonly database: Database) {}

  insert(message: NewMessage): ChatMessage {
    this.database
      .prepare(
        `INSERT INTO messages (id, conversation_id, position, role, text, status, run_id, created_at, updated_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM messages WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.id,
        message.conversationId,
        message.conversationId,
        message.role,
        message.text,
        message.status,
        message.runId ?? null,
        message.at,
        message.at,
      );
    return this.get(message.id)!;
  }

  get(id: string): ChatMessage | undefined {
    const row = this.database.prepare('SELECT * FROM messages WHERE id = ?').get(id) as
      | MessageRow
      | undefined;
    return row && toMessage(row);
  }

  byConversation(conversationId: string): ChatMessage[] {
    const rows = this.database
      .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY position')
      .all(conversationId) as MessageRow[];
    return rows.map(toMessage);
  }

  /** The last message of the conversation. */
  last(conversationId: string): ChatMessage | undefined {
    const row = this.database
      .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY position DESC LIMIT 1')
      .get(conversationId) as MessageRow | undefined;
    return row && toMessage(row);
  }

  setRun(id: string, runId: string): void {
    this.database.prepare('UPDATE messages SET run_id = ? WHERE id = ?').run(runId, id);
  }

  /**
   * The partial text (and tool calls, when given) of a streaming message; a finished message is never
   * changed again.
   */
  updateStream(
    id: string,
    text: string,
    attempt: number,
    at: string,
    toolCalls?: readonly ToolCallRecord[],
  ): void {
    this.database
      .prepare(
        `UPDATE messages SET text = ?, attempt = ?, tool_calls = CASE WHEN ? THEN ? ELSE tool_calls END,
           updated_at = ? WHERE id = ? AND status = 'streaming'`,
      )
      .run(text, attempt, toolCalls ? 1 : 0, toolCallsJson(toolCalls), at, id);
  }

  finalize(id: string, final: FinalMessage, at: string): void {
    this.database
      .prepare(
        `UPDATE messages SET text = ?, status = ?, attempt = ?, usage_json = ?, error_json = ?,
           tool_calls = CASE WHEN ? THEN ? ELSE tool_calls END, updated_at = ? WHERE id = ?`,
      )
      .run(
        final.text,
        final.status,
        final.attempt,
        final.usage ? JSON.stringify(final.usage) : null,
        final.error ? JSON.stringify(final.error) : null,
        final.toolCalls ? 1 : 0,
        toolCallsJson(final.toolCalls),
        at,
        id,
      );
  }

  delete(id: string): void {
    this.database.prepare('DELETE FROM messages WHERE id = ?').run(id);
  }

  /** Streaming messages no unfinished run will ever finish (the app stopped before submitting). */
  orphanedStreaming(): ChatMessage[] {
    const rows = this.database
      .prepare(
        `SELECT m.* FROM messages m WHERE m.status = 'streaming' AND NOT EXISTS
           (SELECT 1 FROM runs r WHERE r.assistant_message_id = m.id AND r.finalized_at IS NULL)`,
      )
      .all() as MessageRow[];
    return rows.map(toMessage);
  }
}
