import { type AgentRunResult, answerOf, describeEnding, type RunEnding, settleRunView } from 'durable-agent';
import type { MessageStatus } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { type RunRecord, toRunInfo } from '../history/run-table';
import type { HostEvents } from '../host-events';

/** The answer's status after each ending: a run cut short by a budget keeps its text like a stopped one. */
const ANSWER_STATUS: Record<AgentRunResult['status'], Exclude<MessageStatus, 'streaming'>> = {
  completed: 'complete',
  cancelled: 'interrupted',
  failed: 'failed',
  'budget-exhausted': 'interrupted',
};

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
  const entry = store.transaction(() => {
    if (!store.runs.finalize(run.id, view, result.messages, at)) return undefined;
    const { text, attempt, toolCalls } = answerOf(view);
    store.messages.finalize(
      run.assistantMessageId,
      {
        // Nothing lost: a run that ended without text of its own (never found, timed out) keeps the stored part.
        text: text || (store.messages.get(run.assistantMessageId)?.text ?? ''),
        status: ANSWER_STATUS[result.status],
        attempt,
        usage: view.usage,
        ...(view.error ? { error: view.error } : {}),
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
      },
      at,
    );
    store.conversations.touch(run.conversationId, at);
    // The timeline's kind of an ending is the run's status.
    const detail = describeEnding(ending);
    return store.timeline.append({ runId: run.id, kind: result.status, at, detail }) ?? null;
  });
  if (entry === undefined) return false;
  const message = store.messages.get(run.assistantMessageId);
  if (message) events.emit('messageUpdated', message);
  const stored = store.runs.get(run.id);
  if (stored) events.emit('runUpdated', toRunInfo(stored));
  if (entry) events.emit('timelineAppended', entry);
  return true;
}
