import type { AgentRunResult } from 'durable-agent';
import { assertNever } from '../../shared/assert-never';
import type { MessageStatus, TimelineKind, ToolCallRecord, UsageTotals } from '../../shared/models';
import { type RunRecord, toRunInfo } from '../history/run-table';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import type { RunState } from './run-state';

export interface RunEnding {
  readonly record: RunRecord;
  readonly state: RunState;
  /** The text the events produced (kept when the result has none, e.g. a run that timed out). */
  readonly foldedText: string;
  /** The tool calls the events produced (stored with the final message). */
  readonly toolCalls?: readonly ToolCallRecord[];
  readonly result: AgentRunResult;
  readonly hadApprovals: boolean;
}

function outcomeOf(status: AgentRunResult['status']): {
  message: Exclude<MessageStatus, 'streaming'>;
  timeline: TimelineKind;
} {
  switch (status) {
    case 'completed':
      return { message: 'complete', timeline: 'completed' };
    case 'cancelled':
      return { message: 'interrupted', timeline: 'cancelled' };
    case 'failed':
      return { message: 'failed', timeline: 'failed' };
    default:
      return assertNever(status);
  }
}

/** Usage from the run's recorded result; the live totals when the result has none (timed out, terminated). */
export function usageOf(result: AgentRunResult, live: UsageTotals): UsageTotals {
  if (result.usageByAttempt.length === 0)
    return result.usage.totalTokens > 0 ? { ...result.usage, wastedTokens: 0 } : live;
  const wastedTokens = result.usageByAttempt
    .filter((attempt) => attempt.outcome !== 'completed')
    .reduce((sum, attempt) => sum + attempt.totalTokens, 0);
  return { ...result.usage, wastedTokens };
}

/** "1 model call", "2 model calls" (a tool round each), "2 model calls (3 attempts)" when some were retried. */
function modelCalls(rounds: number, attempts: number): string {
  const calls = Math.max(rounds, 1);
  const retried = attempts > calls ? ` (${attempts} attempts)` : '';
  return `${calls} model call${calls === 1 ? '' : 's'}${retried}`;
}

function summarizeEnding(ending: RunEnding, usage: UsageTotals): string {
  const { result } = ending;
  const attempts = result.attempts || ending.state.attempts;
  const wasted = usage.wastedTokens > 0 ? `, ${usage.wastedTokens} wasted on failed attempts` : '';
  switch (result.status) {
    case 'completed':
      return `completed after ${modelCalls(result.rounds, attempts)}: ${usage.totalTokens} tokens${wasted}`;
    case 'cancelled':
      return 'stopped by the user; the partial text was kept';
    case 'failed':
      return result.error?.message ?? 'the run failed';
    default:
      return assertNever(result.status);
  }
}

/**
 * Stores how a run ended — run record, final message (the workflow's recorded result), timeline entry —
 * in one transaction, exactly once: a run already finalized is left alone. Then tells the UI.
 */
export function finalizeRun(store: HistoryStore, events: HostEvents, ending: RunEnding): boolean {
  const { record, state, result } = ending;
  const at = new Date().toISOString();
  const outcome = outcomeOf(result.status);
  const usage = usageOf(result, state.usage);
  const error = result.error ? { code: result.error.code, message: result.error.message } : undefined;
  const entry = store.transaction(() => {
    const first = store.runs.finalize(
      record.id,
      {
        status: result.status,
        attempts: result.attempts || state.attempts,
        usage,
        lastSeq: state.lastSeq,
        error,
        transcript: result.messages,
      },
      at,
    );
    if (!first) return undefined;
    store.messages.finalize(
      record.assistantMessageId,
      {
        text: result.text !== '' ? result.text : ending.foldedText,
        status: outcome.message,
        attempt: state.currentAttempt,
        usage,
        error,
        ...(ending.toolCalls ? { toolCalls: ending.toolCalls } : {}),
      },
      at,
    );
    store.conversations.touch(record.conversationId, at);
    return (
      store.timeline.append({
        runId: record.id,
        kind: outcome.timeline,
        at,
        detail: summarizeEnding(ending, usage),
      }) ?? null
    );
  });
  if (entry === undefined) return false;
  const message = store.messages.get(record.assistantMessageId);
  if (message) events.emit('messageUpdated', message);
  const run = store.runs.get(record.id);
  if (run) events.emit('runUpdated', toRunInfo(run));
  if (entry) events.emit('timelineAppended', entry);
  if (ending.hadApprovals) {
    events.emit('approvalsChanged', {
      conversationId: record.conversationId,
      runId: record.id,
      approvals: [],
    });
  }
  return true;
}
