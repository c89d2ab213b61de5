import type { Database } from 'better-sqlite3';
import type { ConversationMessage } from 'durable-agent';
import type { ErrorInfo, RunInfo, RunStatus, UsageTotals, WorkerWait } from '../../shared/models';

interface RunRow {
  id: string;
  workflow_id: string;
  conversation_id: string;
  user_message_id: string;
  assistant_message_id: string;
  status: RunStatus;
  attempts: number;
  current_attempt: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  wasted_tokens: number;
  last_seq: number;
  stream_message_id: string | null;
  worker_wait_json: string | null;
  retry_reason: string | null;
  error_json: string | null;
  started_at: string;
  ended_at: string | null;
  finalized_at: string | null;
}

/** A run as stored: what the UI sees plus what re-attaching needs. */
export interface RunRecord extends RunInfo {
  readonly userMessageId: string;
  /** The model message the stored partial text belongs to (to resume folding after `lastSeq`). */
  readonly streamMessageId?: string;
  readonly finalized: boolean;
}

/** Fields a running run changes as its events arrive. */
export interface RunProgress {
  readonly status: RunStatus;
  readonly attempts: number;
  readonly currentAttempt: number;
  readonly usage: UsageTotals;
  readonly lastSeq: number;
  readonly streamMessageId?: string;
  readonly workerWait?: WorkerWait;
  readonly retryReason?: string;
}

export interface RunFinal {
  readonly status: Extract<RunStatus, 'completed' | 'failed' | 'cancelled'>;
  readonly attempts: number;
  readonly usage: UsageTotals;
  readonly lastSeq: number;
  readonly error?: ErrorInfo;
  /** The messages the run adds to the conversation's transcript (for the model's next turns). */
  readonly transcript: readonly ConversationMessage[];
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    conversationId: row.conversation_id,
    userMessageId: row.user_message_id,
    assistantMessageId: row.assistant_message_id,
    status: row.status,
    attempts: row.attempts,
    currentAttempt: row.current_attempt,
    usage: {
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      totalTokens: row.total_tokens,
      wastedTokens: row.wasted_tokens,
    },
    lastSeq: row.last_seq,
    startedAt: row.started_at,
    finalized: row.finalized_at !== null,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    ...(row.stream_message_id ? { streamMessageId: row.stream_message_id } : {}),
    ...(row.worker_wait_json ? { workerWait: JSON.parse(row.worker_wait_json) as WorkerWait } : {}),
    ...(row.retry_reason ? { retryReason: row.retry_reason } : {}),
    ...(row.error_json ? { error: JSON.parse(row.error_json) as ErrorInfo } : {}),
  };
}

/** What the UI sees of a stored run. */
export function toRunInfo(record: RunRecord): RunInfo {
  const { userMessageId: _user, streamMessageId: _stream, finalized: _finalized, ...info } = record;
  return info;
}

/** Runs (one Temporal workflow each) with their progress; finalized exactly once. */
export class RunTable {
  constructor(private readonly database: Database) {}

  insert(run: {
    id: string;
    workflowId: string;
    conversationId: string;
    userMessageId: string;
    assistantMessageId: string;
    status: RunStatus;
    at: string;
  }): RunRecord {
    this.database
      .prepare(
        `INSERT INTO runs (id, workflow_id, conversation_id, user_message_id, assistant_message_id, status, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        run.workflowId,
        run.conversationId,
        run.userMessageId,
        run.assistantMessageId,
        run.status,
        run.at,
      );
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

  /** Runs the app was following when it stopped: re-attach and finish them. */
  unfinished(): RunRecord[] {
    const rows = this.database
      .prepare('SELECT * FROM runs WHERE finalized_at IS NULL ORDER BY started_at, rowid')
      .all() as RunRow[];
    return rows.map(toRecord);
  }

  /** Saves progress of an unfinished run (a finalized run is never changed again). */
  saveProgress(id: string, progress: RunProgress): void {
    this.database
      .prepare(
        `UPDATE runs SET status = ?, attempts = ?, current_attempt = ?, prompt_tokens = ?, completion_tokens = ?,
           total_tokens = ?, wasted_tokens = ?, last_seq = ?, stream_message_id = ?, worker_wait_json = ?,
           retry_reason = ?
         WHERE id = ? AND finalized_at IS NULL`,
      )
      .run(
        progress.status,
        progress.attempts,
        progress.currentAttempt,
        progress.usage.promptTokens,
        progress.usage.completionTokens,
        progress.usage.totalTokens,
        progress.usage.wastedTokens,
        progress.lastSeq,
        progress.streamMessageId ?? null,
        progress.workerWait ? JSON.stringify(progress.workerWait) : null,
        progress.retryReason ?? null,
        id,
      );
  }

  /** Records the run's end; false when it was already finalized (so its message is stored once). */
  finalize(id: string, final: RunFinal, at: string): boolean {
    return (
      this.database
        .prepare(
          `UPDATE runs SET status = ?, attempts = ?, prompt_tokens = ?, completion_tokens = ?, total_tokens = ?,
             wasted_tokens = ?, last_seq = MAX(last_seq, ?), error_json = ?, transcript_json = ?, worker_wait_json = NULL,
             ended_at = ?, finalized_at = ?
           WHERE id = ? AND finalized_at IS NULL`,
        )
        .run(
          final.status,
          final.attempts,
          final.usage.promptTokens,
          final.usage.completionTokens,
          final.usage.totalTokens,
          final.usage.wastedTokens,
          final.lastSeq,
          final.error ? JSON.stringify(final.error) : null,
          JSON.stringify(final.transcript),
          at,
          at,
          id,
        ).changes > 0
    );
  }

  /** The model's view of the conversation: finished runs whose answer is still in it, in order. */
  transcript(conversationId: string): ConversationMessage[] {
    const rows = this.database
      .prepare(
        `SELECT r.transcript_json FROM runs r
         WHERE r.conversation_id = ? AND r.finalized_at IS NOT NULL AND r.transcript_json IS NOT NULL
           AND EXISTS (SELECT 1 FROM messages m WHERE m.id = r.assistant_message_id)
         ORDER BY r.started_at, r.rowid`,
      )
      .all(conversationId) as { transcript_json: string }[];
    return rows.flatMap((row) => JSON.parse(row.transcript_json) as ConversationMessage[]);
  }
}
