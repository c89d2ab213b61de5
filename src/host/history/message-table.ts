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
  attachments_json: string | null;
  parent_id: string | null;
  /** JSON array of the ids of the message's versions (itself and its siblings), in order. */
  version_ids: string;
  created_at: string;
  updated_at: string;
}

function toMessage(row: MessageRow): ChatMessage {
  const versionIds = JSON.parse(row.version_ids) as string[];
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
    ...(row.parent_id ? { parentId: row.parent_id } : {}),
    ...(versionIds.length > 1 ? { versionIds } : {}),
    ...(row.attachments_json
      ? { attachments: JSON.parse(row.attachments_json) as ChatMessage['attachments'] }
      : {}),
  };
}

function toolCallsJson(toolCalls: readonly ToolCallRecord[] | undefined): string | null {
  return toolCalls && toolCalls.length > 0 ? JSON.stringify(toolCalls) : null;
}

/**
 * A message to insert: the stored fields it starts with, and when. Without `parentId` it continues the
 * branch on screen (and becomes its end); with one (null: a first prompt) it is placed there, and the
 * branch shown is left as it is.
 */
export type NewMessage = Pick<
  ChatMessage,
  'id' | 'conversationId' | 'role' | 'text' | 'status' | 'runId' | 'attachments'
> & {
  readonly parentId?: string | null;
  readonly at: string;
};

/** Every column, plus the ids of the message's versions: the messages sharing its parent, oldest first. */
const messageSelect = `
  SELECT m.*, (SELECT json_group_array(v.id) FROM (
      SELECT s.id FROM messages s WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id
      ORDER BY s.position) v) AS version_ids
  FROM messages m`;

export interface FinalMessage {
  readonly text: string;
  readonly status: Exclude<MessageStatus, 'streaming'>;
  readonly attempt: number;
  readonly usage?: UsageTotals;
  readonly error?: ErrorInfo;
  /** Replaces the stored tool calls when given (empty clears them); left out, the stored ones stay. */
  readonly toolCalls?: readonly ToolCallRecord[];
}

/** Chat messages: a tree per conversation (each message's parent), created in `position` order. */
export class MessageTable {
  constructor(private readonly database: Database) {}

  insert(message: NewMessage): ChatMessage {
    const continuesBranch = message.parentId === undefined;
    const parentId = continuesBranch
      ? ((
          this.database
            .prepare('SELECT leaf_message_id FROM conversations WHERE id = ?')
            .get(message.conversationId) as { leaf_message_id: string | null } | undefined
        )?.leaf_message_id ?? null)
      : message.parentId;
    this.database
      .prepare(
        `INSERT INTO messages (id, conversation_id, parent_id, position, role, text, status, run_id, attachments_json, created_at, updated_at)
         VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM messages WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.id,
        message.conversationId,
        parentId,
        message.conversationId,
        message.role,
        message.text,
        message.status,
        message.runId ?? null,
        message.attachments?.length ? JSON.stringify(message.attachments) : null,
        message.at,
        message.at,
      );
    if (continuesBranch)
      this.database
        .prepare('UPDATE conversations SET leaf_message_id = ? WHERE id = ?')
        .run(message.id, message.conversationId);
    return this.get(message.id)!;
  }

  get(id: string): ChatMessage | undefined {
    const row = this.database.prepare(`${messageSelect} WHERE m.id = ?`).get(id) as MessageRow | undefined;
    return row && toMessage(row);
  }

  /** Every message of the conversation, every branch, in the order they were created. */
  byConversation(conversationId: string): ChatMessage[] {
    const rows = this.database
      .prepare(`${messageSelect} WHERE m.conversation_id = ? ORDER BY m.position`)
      .all(conversationId) as MessageRow[];
    return rows.map(toMessage);
  }

  /** The branch that ends at `leafId`: its messages from the first prompt down to the leaf. */
  branch(leafId: string): ChatMessage[] {
    const rows = this.database
      .prepare(
        `WITH RECURSIVE path (id, depth) AS (
           SELECT id, 0 FROM messages WHERE id = ?
           UNION ALL SELECT p.parent_id, path.depth + 1 FROM messages p JOIN path ON p.id = path.id
             WHERE p.parent_id IS NOT NULL)
         ${messageSelect} JOIN path ON path.id = m.id ORDER BY path.depth DESC`,
      )
      .all(leafId) as MessageRow[];
    return rows.map(toMessage);
  }

  /**
   * The leaf a version opens: from `messageId` down through each message's newest reply (the branch last
   * written under it).
   */
  newestLeafUnder(messageId: string): string {
    const row = this.database
      .prepare(
        `WITH RECURSIVE down (id) AS (
           SELECT ?
           UNION ALL SELECT (SELECT c.id FROM messages c WHERE c.parent_id = down.id ORDER BY c.position DESC LIMIT 1)
             FROM down WHERE EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = down.id))
         SELECT id FROM down WHERE NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = down.id)`,
      )
      .get(messageId) as { id: string } | undefined;
    return row?.id ?? messageId;
  }

  /** The newest message of the conversation (on any branch). */
  last(conversationId: string): ChatMessage | undefined {
    const row = this.database
      .prepare(`${messageSelect} WHERE m.conversation_id = ? ORDER BY m.position DESC LIMIT 1`)
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

  /** Streaming messages no unfinished run will ever finish (the app stopped before submitting). */
  orphanedStreaming(): ChatMessage[] {
    const rows = this.database
      .prepare(
        `${messageSelect} WHERE m.status = 'streaming' AND NOT EXISTS
           (SELECT 1 FROM runs r WHERE r.assistant_message_id = m.id AND r.finalized_at IS NULL)`,
      )
      .all() as MessageRow[];
    return rows.map(toMessage);
  }
}
