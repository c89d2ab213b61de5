import { randomUUID } from 'node:crypto';
import {
  type ConversationExport,
  type ConversationMessage,
  type ExportedRun,
  type RunView,
  reduceRunEvents,
} from 'durable-agent';
import type { ToolCallRecord } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { timelineDraftOf } from '../runs/milestone-timeline';
import { IMPORTED_CONVERSATION_PREFIX, type ImportedRuns } from './imported-runs';

/**
 * Brings an export back as a read-only conversation: each turn's prompt and final answer as messages,
 * each run finalized with the view its recorded events fold into (so its attempts, resets and sub-agents
 * show as they did), its timeline, and its event log kept for replay. All in one transaction.
 */
export function importConversation(
  store: HistoryStore,
  imported: ImportedRuns,
  document: ConversationExport,
): string {
  const conversationId = `${IMPORTED_CONVERSATION_PREFIX}${randomUUID()}`;
  const now = new Date().toISOString();
  const recorded: Record<string, ExportedRun> = {};
  store.transaction(() => {
    store.conversations.insert(conversationId, `${document.conversation.title} (imported)`, now);
    turnsOf(document.messages).forEach((turn, index) => {
      const run = document.runs[index];
      const runId = randomUUID();
      const at = run?.startedAt ?? now;
      const userMessageId = randomUUID();
      const assistantMessageId = randomUUID();
      store.messages.insert({
        id: userMessageId,
        conversationId,
        role: 'user',
        text: turn.prompt,
        status: 'complete',
        runId,
        at,
      });
      store.messages.insert({
        id: assistantMessageId,
        conversationId,
        role: 'assistant',
        text: '',
        status: 'streaming',
        runId,
        at,
      });
      const view = reduceRunEvents(run?.events ?? []);
      store.messages.finalize(
        assistantMessageId,
        {
          text: answerOf(turn.replies),
          status:
            view.phase === 'failed' ? 'failed' : view.phase === 'cancelled' ? 'interrupted' : 'complete',
          attempt: view.currentAttempt,
          usage: view.usage,
          toolCalls: toolCallsOf(turn.replies),
          ...(view.error ? { error: view.error } : {}),
        },
        run?.endedAt ?? at,
      );
      store.runs.insert({
        id: runId,
        workflowId: `${conversationId}/${run?.runId ?? runId}`,
        conversationId,
        userMessageId,
        assistantMessageId,
        at,
      });
      store.runs.finalize(runId, view, turn.replies, run?.endedAt ?? at);
      appendTimeline(store, runId, run, view, at);
      if (run) recorded[runId] = run;
    });
  });
  imported.save(conversationId, recorded);
  return conversationId;
}

/** The run's timeline from its recorded events: attempts (with their worker when known), resets, the end. */
function appendTimeline(
  store: HistoryStore,
  runId: string,
  run: ExportedRun | undefined,
  view: RunView,
  fallback: string,
): void {
  const timeOf = (seq: number) => {
    const stamp = run?.events[seq]?.timestamp;
    return typeof stamp === 'number' ? new Date(stamp).toISOString() : fallback;
  };
  const workers = (run?.workers ?? []).filter((each) => each.activity === 'invokeModelStreaming');
  let modelAttempt = 0;
  for (const milestone of view.milestones) {
    const at = timeOf(milestone.seq);
    if (milestone.kind === 'attempt-started') {
      const worker = workers[modelAttempt++]?.worker;
      const on = worker && worker !== 'unknown' ? ` on ${worker}` : '';
      store.timeline.append({
        kind: 'attempt-started',
        attempt: milestone.attempt,
        detail: `attempt ${milestone.attempt} started${on}`,
        runId,
        at,
      });
      continue;
    }
    if (milestone.kind === 'finished' || milestone.kind === 'failed') {
      const kind = milestone.kind === 'failed' ? 'failed' : milestone.status;
      store.timeline.append({ kind, detail: `run ${kind} (recorded, imported)`, runId, at });
      continue;
    }
    const draft = timelineDraftOf(milestone);
    if (draft) store.timeline.append({ ...draft, runId, at });
  }
}

function turnsOf(messages: readonly ConversationMessage[]) {
  const turns: { prompt: string; replies: ConversationMessage[] }[] = [];
  for (const message of messages) {
    if (message.role === 'user') turns.push({ prompt: message.content, replies: [] });
    else turns.at(-1)?.replies.push(message);
  }
  return turns;
}

function answerOf(replies: readonly ConversationMessage[]): string {
  return replies.filter((message) => message.role === 'assistant').at(-1)?.content ?? '';
}

function toolCallsOf(replies: readonly ConversationMessage[]): ToolCallRecord[] {
  const results = new Map(
    replies.flatMap((message) =>
      message.role === 'tool' ? [[message.toolCallId, message.content] as const] : [],
    ),
  );
  return replies.flatMap((message) =>
    message.role === 'assistant'
      ? (message.toolCalls ?? []).map((call) => ({
          ...call,
          ...(results.has(call.id) ? { result: results.get(call.id) } : {}),
        }))
      : [],
  );
}
