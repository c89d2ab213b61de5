import type { Database } from 'better-sqlite3';
import type {
  ConversationBudget,
  ConversationSearchHit,
  ConversationSettings,
  ConversationSummary,
} from '../../shared/models';
import { presentColumns } from './present-columns';

/** A row as `summarySelect` names its columns: the summary's own, its usage's, and NULL for what it lacks. */
interface SummaryRow {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  wastedTokens: number;
  /** From the run's view: `wastedTokens` holds failed and stopped attempts together. */
  stoppedTokens: number;
  activeRunId: string | null;
  systemPrompt: string | null;
  model: string | null;
  modelProfileId: string | null;
  fallbackProfileId: string | null;
  budgetJson: string | null;
}

const summarySelect = `
  SELECT c.id, c.title, c.created_at AS createdAt, c.updated_at AS updatedAt, c.system_prompt AS systemPrompt,
    c.model, c.model_profile_id AS modelProfileId, c.fallback_profile_id AS fallbackProfileId,
    c.budget_json AS budgetJson,
    (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS messageCount,
    COALESCE(SUM(r.prompt_tokens), 0) AS promptTokens,
    COALESCE(SUM(r.completion_tokens), 0) AS completionTokens,
    COALESCE(SUM(r.total_tokens), 0) AS totalTokens,
    COALESCE(SUM(r.wasted_tokens), 0) AS wastedTokens,
    COALESCE(SUM(json_extract(r.view_json, '$.usage.stoppedTokens')), 0) AS stoppedTokens,
    (SELECT u.id FROM runs u WHERE u.conversation_id = c.id AND u.finalized_at IS NULL
      ORDER BY u.started_at DESC LIMIT 1) AS activeRunId
  FROM conversations c LEFT JOIN runs r ON r.conversation_id = c.id`;

function toSummary(row: SummaryRow): ConversationSummary {
  const { promptTokens, completionTokens, totalTokens, wastedTokens, stoppedTokens, budgetJson, ...rest } =
    row;
  const { activeRunId, systemPrompt, model, modelProfileId, fallbackProfileId, ...conversation } = rest;
  const failedAttemptTokens = wastedTokens - stoppedTokens;
  return {
    ...conversation,
    usage: { promptTokens, completionTokens, totalTokens, failedAttemptTokens, stoppedTokens, wastedTokens },
    ...presentColumns({ activeRunId, systemPrompt, model, modelProfileId, fallbackProfileId }),
    ...(budgetJson === null ? {} : { budget: JSON.parse(budgetJson) as ConversationBudget }),
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
