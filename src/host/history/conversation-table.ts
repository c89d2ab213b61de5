import type { Database } from 'better-sqlite3';
import type {
  ConversationBudget,
  ConversationSearchHit,
  ConversationSettings,
  ConversationSummary,
} from '../../shared/models';

interface SummaryRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  message_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  wasted_tokens: number;
  /** From the run's view: `wasted_tokens` holds failed and stopped attempts together. */
  stopped_tokens: number;
  active_run_id: string | null;
  system_prompt: string | null;
  model: string | null;
  model_profile_id: string | null;
  fallback_profile_id: string | null;
  budget_json: string | null;
}

const summarySelect = `
  SELECT c.id, c.title, c.created_at, c.updated_at, c.system_prompt, c.model,
    c.model_profile_id, c.fallback_profile_id, c.budget_json,
    (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
    COALESCE(SUM(r.prompt_tokens), 0) AS prompt_tokens,
    COALESCE(SUM(r.completion_tokens), 0) AS completion_tokens,
    COALESCE(SUM(r.total_tokens), 0) AS total_tokens,
    COALESCE(SUM(r.wasted_tokens), 0) AS wasted_tokens,
    COALESCE(SUM(json_extract(r.view_json, '$.usage.stoppedTokens')), 0) AS stopped_tokens,
    (SELECT u.id FROM runs u WHERE u.conversation_id = c.id AND u.finalized_at IS NULL
      ORDER BY u.started_at DESC LIMIT 1) AS active_run_id
  FROM conversations c LEFT JOIN runs r ON r.conversation_id = c.id`;

function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    usage: {
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      totalTokens: row.total_tokens,
      failedAttemptTokens: row.wasted_tokens - row.stopped_tokens,
      stoppedTokens: row.stopped_tokens,
      wastedTokens: row.wasted_tokens,
    },
    ...(row.active_run_id ? { activeRunId: row.active_run_id } : {}),
    ...(row.system_prompt === null ? {} : { systemPrompt: row.system_prompt }),
    ...(row.model === null ? {} : { model: row.model }),
    ...(row.model_profile_id === null ? {} : { modelProfileId: row.model_profile_id }),
    ...(row.fallback_profile_id === null ? {} : { fallbackProfileId: row.fallback_profile_id }),
    ...(row.budget_json === null ? {} : { budget: JSON.parse(row.budget_json) as ConversationBudget }),
  };
}

/** Conversations with their totals (usage over every run, wasted tokens included). */
export class ConversationTable {
  constructor(private readonly database: Database) {}

  insert(id: string, title: string, at: string): void {
    this.database
      .prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, title, at, at);
  }

  exists(id: string): boolean {
    return this.database.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
  }

  rename(id: string, title: string, at: string): boolean {
    return (
      this.database
        .prepare('UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?')
        .run(title, at, id).changes > 0
    );
  }

  /** The last message of the branch the conversation shows (undefined while it has none). */
  leaf(id: string): string | undefined {
    const row = this.database.prepare('SELECT leaf_message_id FROM conversations WHERE id = ?').get(id) as
      | { leaf_message_id: string | null }
      | undefined;
    return row?.leaf_message_id ?? undefined;
  }

  /** Shows the branch that ends at `messageId`. */
  showBranch(id: string, messageId: string): void {
    this.database.prepare('UPDATE conversations SET leaf_message_id = ? WHERE id = ?').run(messageId, id);
  }

  /**
   * Its own system prompt, model, model profile and fallback profile; null = the default of Settings (no
   * fallback). False when there is no such conversation.
   */
  setSettings(id: string, settings: ConversationSettings): boolean {
    return (
      this.database
        .prepare(
          `UPDATE conversations SET system_prompt = ?, model = ?, model_profile_id = ?, fallback_profile_id = ?,
             budget_json = ? WHERE id = ?`,
        )
        .run(
          settings.systemPrompt,
          settings.model,
          settings.modelProfileId ?? null,
          settings.fallbackProfileId ?? null,
          settings.budget ? JSON.stringify(settings.budget) : null,
          id,
        ).changes > 0
    );
  }

  touch(id: string, at: string): void {
    this.database.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(at, id);
  }

  /** Deletes the conversation with its messages, runs and timeline. */
  delete(id: string): boolean {
    return this.database.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
  }

  summary(id: string): ConversationSummary | undefined {
    const row = this.database.prepare(`${summarySelect} WHERE c.id = ? GROUP BY c.id`).get(id) as
      | SummaryRow
      | undefined;
    return row && toSummary(row);
  }

  /** Most recently updated first. */
  summaries(): ConversationSummary[] {
    const rows = this.database
      .prepare(`${summarySelect} GROUP BY c.id ORDER BY c.updated_at DESC, c.rowid DESC`)
      .all() as SummaryRow[];
    return rows.map(toSummary);
  }

  /** Case-insensitive match in titles and message texts, most recent conversations first. */
  search(query: string, limit = 50): ConversationSearchHit[] {
    const needle = query.trim();
    if (needle === '') return this.summaries().map((conversation) => ({ conversation, snippet: '' }));
    const pattern = `%${needle.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const rows = this.database
      .prepare(
        `SELECT c.id AS id,
           CASE WHEN c.title LIKE ? ESCAPE '\\' THEN c.title
             ELSE (SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.text LIKE ? ESCAPE '\\'
                   ORDER BY m.position LIMIT 1) END AS matched
         FROM conversations c
         WHERE c.title LIKE ? ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.text LIKE ? ESCAPE '\\')
         ORDER BY c.updated_at DESC LIMIT ?`,
      )
      .all(pattern, pattern, pattern, pattern, limit) as { id: string; matched: string | null }[];
    return rows.flatMap((row) => {
      const conversation = this.summary(row.id);
      return conversation ? [{ conversation, snippet: snippetAround(row.matched ?? '', needle) }] : [];
    });
  }
}

/** About 120 characters of `text` around the first occurrence of `needle`, on one line. */
export function snippetAround(text: string, needle: string, width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const index = flat.toLowerCase().indexOf(needle.toLowerCase());
  if (index < 0 || flat.length <= width) return flat.slice(0, width);
  const start = Math.max(0, Math.min(index - Math.floor((width - needle.length) / 2), flat.length - width));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width)}${start + width < flat.length ? '…' : ''}`;
}
