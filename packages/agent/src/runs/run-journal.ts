import type { AgentRunResult, ConversationMessage } from '../common/types';
import type { RunView } from './run-view';
import type { TemporalIdentity } from './temporal-identity';

/** What a journal keeps of a run before it is submitted: enough to find it again after any crash. */
export interface RunEntry {
  /** The run's id (`run.id`, its workflow id `<agent>/<conversationId>/<runId>`). */
  readonly id: string;
  readonly runId: string;
  readonly conversationId: string;
  /** The Temporal the run was submitted to: "not found" is final only there. */
  readonly temporal: TemporalIdentity;
  /** The user's prompt (what the run adds to the conversation first). */
  readonly prompt: string;
}

/** How a run ended, by Temporal's word: its view from the events, its recorded result, and what it adds. */
export interface RunEnding {
  readonly view: RunView;
  readonly result: AgentRunResult;
  /**
   * What the run adds to its conversation: what it was given (client tool results, the prompt), then its
   * own messages — none when it produced nothing (refused, no worker, never found). A journal's `finish`
   * is the one place these are stored.
   */
  readonly messages: readonly ConversationMessage[];
}

/**
 * Where a caller keeps the runs it follows (SQLite in the desktop app, a file in the CLI, memory in tests).
 * The library calls `record` before submitting, `progress` as events arrive (at a bounded rate, and at once
 * when a milestone is reached), and `finish` once Temporal has given its final word about the run.
 */
export interface RunJournal {
  /** Called once, before the run is submitted: persist the entry, so that the run can be followed again after a crash. */
  record(entry: RunEntry): void | Promise<void>;
  /** Called as the run's view changes (at a bounded rate, at once at each milestone). */
  progress(entry: RunEntry, view: RunView): void | Promise<void>;
  /** Called once per following; a run may be followed again after a crash, so make it idempotent. */
  finish(entry: RunEntry, ending: RunEnding): void | Promise<void>;
}
