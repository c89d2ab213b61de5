import type { Database } from 'better-sqlite3';
import type { BudgetSpend, ConversationMessage, TemporalIdentity } from 'durable-agent';
import { EMPTY_RUN_VIEW, type RunPhase, type RunView } from 'durable-agent/run-view';
import type { RunInfo } from '../../shared/models';

interface RunRow {
  id: string;
  workflow_id: string;
  conversation_id: string;
  user_message_id: string;
  assistant_message_id: string;
  status: RunPhase;
  last_seq: number;
  view_json: string | null;
  temporal_json: string | null;
  error_json: string | null;
  started_at: string;
  ended_at: string | null;
  finalized_at: string | null;
}

/** A run as stored: what the UI sees plus what following it again needs. */
export interface RunRecord extends RunInfo {
  readonly userMessageId: string;
  /** The Temporal the run was submitted to; absent until the submission recorded it. */
  readonly temporal?: TemporalIdentity;
  readonly finalized: boolean;
}

function toRecord(row: RunRow): RunRecord {
  // Runs stored before views were kept: their status and error, nothing else.
  const view: RunView = row.view_json
    ? (JSON.parse(row.view_json) as RunView)
    : {
        ...EMPTY_RUN_VIEW,
        phase: row.status,
        lastSeq: row.last_seq,
        ...(row.error_json ? { error: JSON.parse(row.error_json) } : {}),
      };
  return {
    id: row.id,
    workflowId: row.workflow_id,
    conversationId: row.conversation_id,
    userMessageId: row.user_message_id,
    assistantMessageId: row.assistant_message_id,
    startedAt: row.started_at,
    view,
    finalized: row.finalized_at !== null,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    ...(row.temporal_json ? { temporal: JSON.parse(row.temporal_json) as TemporalIdentity } : {}),
  };
}

/** What the UI sees of a stored run. */
export function toRunInfo(record: RunRecord): RunInfo {
  const { userMessageId: _user, temporal: _temporal, finalized: _finalized, ...info } = record;
  return info;
}

/** Runs (one Temporal workflow each) with their view; finalized exactly once. */
export class RunTable {
  constructor(private readonly database: Database) {}

  insert(run: {
    id: string;
    workflowId: string;
    conversationId: string;
    userMessageId: string;
    assistantMessageId: string;
    at: string;
  }): RunRecord {
    this.database
      .prepare(
        `INSERT INTO runs (id, workflow_id, conversation_id, user_message_id, assistant_message_id, status, started_at)
         VALUES (?, ?, ?, ?, ?, 'submitted', ?)`,
      )
      .run(run.id, run.workflowId, run.conversationId, run.userMessageId, run.assistantMessageId, run.at);
    return this.get(run.id)!;
  }

  get(id: string): RunRecord | undefined {
    const row = this.database.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRecord(row);
  }

  byConversation(conversationId: string): RunRecord[] {
    const rows = this.database
      .prepare('SELECT * FROM runs WHERE conversation_id = ? ORDER BY started_at, rowid')
      .all(conversationId) as RunRow[];
    return rows.map(toRecord);
  }

  /** Runs not finalized yet: follow them again and finish them. */
  unfinished(): RunRecord[] {
    const rows = this.database
      .prepare('SELECT * FROM runs WHERE finalized_at IS NULL ORDER BY started_at, rowid')
      .all() as RunRow[];
    return rows.map(toRecord);
  }

  /** The Temporal the run is submitted to (before the submission). */
  setTemporal(id: string, temporal: TemporalIdentity): void {
    this.database.prepare('UPDATE runs SET temporal_json = ? WHERE id = ?').run(JSON.stringify(temporal), id);
  }

  /** Saves the view of an unfinished run (a finalized run is never changed again). */
  saveView(id: string, view: RunView): void {
    const { usage } = view;
    this.database
      .prepare(
        `UPDATE runs SET status = ?, last_seq = ?, view_json = ?, prompt_tokens = ?, completion_tokens = ?,
           total_tokens = ?, wasted_tokens = ?
         WHERE id = ? AND finalized_at IS NULL`,
      )
      .run(
        view.phase,
        view.lastSeq,
        JSON.stringify(view),
        usage.promptTokens,
        usage.completionTokens,
        usage.totalTokens,
        usage.wastedTokens,
        id,
      );
  }

  /**
   * Records the run's end: its settled view and the messages it adds to the conversation after the user's
   * prompt. False when it was already finalized (so its answer is stored once).
   */
  finalize(id: string, view: RunView, messages: readonly ConversationMessage[], at: string): boolean {
    const changes = this.database
      .prepare(
        `UPDATE runs SET status = ?, last_seq = ?, view_json = ?, prompt_tokens = ?, completion_tokens = ?,
           total_tokens = ?, wasted_tokens = ?, error_json = ?, transcript_json = ?, ended_at = ?, finalized_at = ?
         WHERE id = ? AND finalized_at IS NULL`,
      )
      .run(
        view.phase,
        view.lastSeq,
        JSON.stringify(view),
        view.usage.promptTokens,
        view.usage.completionTokens,
        view.usage.totalTokens,
        view.usage.wastedTokens,
        view.error ? JSON.stringify(view.error) : null,
        JSON.stringify(messages),
        at,
        at,
        id,
      ).changes;
    return changes > 0;
  }

  /**
   * The conversation as the model sees it: the branch the conversation shows (from its first prompt down
   * to its leaf), each finished run on it adding its user prompt and the messages it produced (answers,
   * tool calls, tool results), in order. Other versions (edited prompts, regenerated answers) are not on
   * the branch, so the model never sees them. A run that produced nothing (no worker, refused) adds nothing.
   */
  /**
   * What the conversation's finished runs spent, summed: each run's budget spend when it had a budget,
   * else its tokens (the answer's and the wasted ones).
   */
  conversationSpend(conversationId: string): BudgetSpend {
    const row = this.database
      .prepare(
        `SELECT
           COALESCE(SUM(COALESCE(json_extract(view_json, '$.budget.spend.tokens'), total_tokens + wasted_tokens)), 0) AS tokens,
           COALESCE(SUM(COALESCE(json_extract(view_json, '$.budget.spend.costUsd'), 0)), 0) AS costUsd,
           COALESCE(SUM(COALESCE(json_extract(view_json, '$.budget.spend.wallTimeMs'), 0)), 0) AS wallTimeMs,
           COALESCE(SUM(COALESCE(json_extract(view_json, '$.budget.spend.toolCalls'), 0)), 0) AS toolCalls,
           COALESCE(SUM(COALESCE(json_extract(view_json, '$.budget.spend.subAgentRuns'), 0)), 0) AS subAgentRuns
         FROM runs WHERE conversation_id = ? AND finalized_at IS NOT NULL`,
      )
      .get(conversationId) as BudgetSpend;
    return row;
  }

  transcript(conversationId: string): ConversationMessage[] {
    const rows = this.database
      .prepare(
        `WITH RECURSIVE path (id, depth) AS (
           SELECT leaf_message_id, 0 FROM conversations WHERE id = ? AND leaf_message_id IS NOT NULL
           UNION ALL SELECT p.parent_id, path.depth + 1 FROM messages p JOIN path ON p.id = path.id
             WHERE p.parent_id IS NOT NULL)
         SELECT u.text AS prompt, u.attachments_json, r.transcript_json FROM path
         JOIN runs r ON r.assistant_message_id = path.id
         JOIN messages u ON u.id = r.user_message_id
         WHERE r.finalized_at IS NOT NULL AND r.transcript_json IS NOT NULL
         ORDER BY path.depth DESC`,
      )
      .all(conversationId) as {
      prompt: string;
      attachments_json: string | null;
      transcript_json: string;
    }[];
    return rows.flatMap((row) => {
      const messages = JSON.parse(row.transcript_json) as ConversationMessage[];
      const attachments = row.attachments_json ? { attachments: JSON.parse(row.attachments_json) } : {};
      return messages.length > 0
        ? [{ role: 'user' as const, content: row.prompt, ...attachments }, ...messages]
        : [];
    });
  }

  /** What the run added to the conversation after its prompt (undefined until it is finalized). */
  addedMessages(id: string): ConversationMessage[] | undefined {
    const row = this.database.prepare('SELECT transcript_json FROM runs WHERE id = ?').get(id) as
      | { transcript_json: string | null }
      | undefined;
    return row?.transcript_json ? (JSON.parse(row.transcript_json) as ConversationMessage[]) : undefined;
  }
}
