import {
  type AgentRunResult,
  answerOf,
  describeModelCalls,
  type RunEnding,
  type RunView,
  settleRunView,
} from 'durable-agent';
import { assertNever } from '../../shared/assert-never';
import type { MessageStatus, TimelineKind } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { type RunRecord, toRunInfo } from '../history/run-table';
import type { HostEvents } from '../host-events';

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
    case 'budget-exhausted':
      // The answer so far is kept, cut short like a stopped one; the run's own status says why.
      return { message: 'interrupted', timeline: 'budget-exhausted' };
    default:
      return assertNever(status);
  }
}

function summarize(result: AgentRunResult, view: RunView): string {
  const { usage } = view;
  const failed = usage.failedAttemptTokens ?? usage.wastedTokens;
  const apart = failed > 0 ? `, and ${failed} on failed attempts (retried)` : '';
  const calls = describeModelCalls(
    Math.max(view.modelCalls ?? 0, result.modelCalls ?? 0, 1),
    Math.max(view.retries ?? 0, result.retries ?? 0),
  );
  switch (result.status) {
    case 'completed':
      return `completed after ${calls}: ${usage.totalTokens} tokens for the answer${apart}`;
    case 'cancelled':
      return 'stopped by the user; the partial text was kept';
    case 'failed':
      return view.error?.message ?? 'the run failed';
    case 'budget-exhausted':
      return `${result.budget?.message ?? 'a budget limit was reached'}: the run ended (budget-exhausted)`;
    default:
      return assertNever(result.status);
  }
}

/**
 * Stores how a run ended — run record, final message (the workflow's recorded result), timeline entry — in
 * one transaction, exactly once: a run already finalized is left alone. Then tells the UI.
 */
export function finalizeRun(
  store: HistoryStore,
  events: HostEvents,
  run: RunRecord,
  ending: RunEnding,
): boolean {
  const { result } = ending;
  const view = settleRunView(ending.view, result);
  const at = new Date().toISOString();
  const outcome = outcomeOf(result.status);
  const entry = store.transaction(() => {
    if (!store.runs.finalize(run.id, view, result.messages, at)) return undefined;
    const { text, attempt, toolCalls } = answerOf(view);
    store.messages.finalize(
      run.assistantMessageId,
      {
        // Nothing lost: a run that ended without text of its own (never found, timed out) keeps the stored part.
        text: text || (store.messages.get(run.assistantMessageId)?.text ?? ''),
        status: outcome.message,
        attempt,
        usage: view.usage,
        ...(view.error ? { error: view.error } : {}),
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
      },
      at,
    );
    store.conversations.touch(run.conversationId, at);
    return (
      store.timeline.append({ runId: run.id, kind: outcome.timeline, at, detail: summarize(result, view) }) ??
      null
    );
  });
  if (entry === undefined) return false;
  const message = store.messages.get(run.assistantMessageId);
  if (message) events.emit('messageUpdated', message);
  const stored = store.runs.get(run.id);
  if (stored) events.emit('runUpdated', toRunInfo(stored));
  if (entry) events.emit('timelineAppended', entry);
  return true;
}
