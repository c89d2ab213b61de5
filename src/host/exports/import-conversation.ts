import { randomUUID } from 'node:crypto';
import {
  type ConversationExport,
  type ConversationMessage,
  type ExportedRun,
  type ExportedTree,
  type ExportedTreeMessage,
  type RunView,
  reduceRunEvents,
} from 'durable-agent';
import type { ToolCallRecord } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { timelineDraftOf } from '../timeline/timeline-lines';
import { IMPORTED_CONVERSATION_PREFIX, type ImportedRuns } from './imported-runs';

/**
 * Brings an export back as a read-only conversation: every version of every prompt and answer (the tree;
 * an older file's messages make one branch), each answer's run finalized with the view its recorded events
 * fold into (so its attempts, resets and sub-agents show as they did), its timeline, and its event log kept
 * for replay; the branch shown when exported is shown. All in one transaction.
 */
export function importConversation(
  store: HistoryStore,
  imported: ImportedRuns,
  document: ConversationExport,
): string {
  const conversationId = `${IMPORTED_CONVERSATION_PREFIX}${randomUUID()}`;
  const now = new Date().toISOString();
  const tree = document.tree ?? linearTree(document);
  const runsById = new Map(document.runs.map((run) => [run.runId, run]));
  const idOf = new Map<string, string>();
  const recorded: Record<string, ExportedRun> = {};
  store.transaction(() => {
    store.conversations.insert(conversationId, `${document.conversation.title} (imported)`, now);
    for (const node of tree.messages) {
      const parentId = node.parentId === null ? null : idOf.get(node.parentId);
      if (parentId === undefined) continue; // its parent was not in the file
      const id = randomUUID();
      idOf.set(node.id, id);
      const run = node.runId ? runsById.get(node.runId) : undefined;
      const at = run?.startedAt ?? now;
      if (node.role === 'user') {
        store.messages.insert({
          id,
          conversationId,
          parentId,
          role: 'user',
          text: node.content,
          status: 'complete',
          ...(node.attachments?.length ? { attachments: node.attachments } : {}),
          at,
        });
        continue;
      }
      if (parentId === null) continue; // an answer answers a prompt
      const runId = randomUUID();
      importAnswer(store, { conversationId, id, parentId, runId, at, run, replies: node.replies ?? [] });
      if (run) recorded[runId] = run;
    }
    const shown = idOf.get(tree.shownLeafId);
    if (shown) store.conversations.showBranch(conversationId, shown);
  });
  imported.save(conversationId, recorded);
  return conversationId;
}

/** One recorded answer: its message, its run finalized with its recorded view, its timeline. */
function importAnswer(
  store: HistoryStore,
  answer: {
    conversationId: string;
    id: string;
    parentId: string;
    runId: string;
    at: string;
    run: ExportedRun | undefined;
    replies: readonly ConversationMessage[];
  },
): void {
  const { conversationId, id, parentId, runId, at, run, replies } = answer;
  store.messages.insert({
    id,
    conversationId,
    parentId,
    role: 'assistant',
    text: '',
    status: 'streaming',
    runId,
    at,
  });
  if (!store.messages.get(parentId)?.runId) store.messages.setRun(parentId, runId);
  const view = reduceRunEvents(run?.events ?? []);
  store.messages.finalize(
    id,
    {
      text: answerOf(replies),
      status: view.phase === 'failed' ? 'failed' : view.phase === 'cancelled' ? 'interrupted' : 'complete',
      attempt: view.currentAttempt,
      usage: view.usage,
      toolCalls: toolCallsOf(replies),
      ...(view.error ? { error: view.error } : {}),
    },
    run?.endedAt ?? at,
  );
  store.runs.insert({
    id: runId,
    workflowId: `${conversationId}/${run?.runId ?? runId}`,
    conversationId,
    userMessageId: parentId,
    assistantMessageId: id,
    at,
  });
  store.runs.finalize(runId, view, replies, run?.endedAt ?? at);
  appendTimeline(store, runId, run, view, at);
}

/** A file without a tree (exported before branches): its messages as one branch, turn i answered by run i. */
function linearTree(document: ConversationExport): ExportedTree {
  const messages: ExportedTreeMessage[] = [];
  turnsOf(document.messages).forEach((turn, index) => {
    const runId = document.runs[index]?.runId;
    const parentId = messages.at(-1)?.id ?? null;
    messages.push({ id: `prompt-${index}`, parentId, role: 'user', content: turn.prompt });
    messages.push({
      id: `answer-${index}`,
      parentId: `prompt-${index}`,
      role: 'assistant',
      content: answerOf(turn.replies),
      replies: turn.replies,
      ...(runId ? { runId } : {}),
    });
  });
  return { messages, shownLeafId: messages.at(-1)?.id ?? '' };
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
    if (milestone.kind === 'finished' || milestone.kind === 'failed') {
      const kind = milestone.kind === 'failed' ? 'failed' : milestone.status;
      store.timeline.append({ kind, detail: `run ${kind} (recorded, imported)`, runId, at });
      continue;
    }
    // An attempt in the live timeline's words, on the worker the export recovered from history (if known).
    const worker = milestone.kind === 'attempt-started' ? workers[modelAttempt++]?.worker : undefined;
    const known = worker && worker !== 'unknown' ? { worker } : {};
    const draft = timelineDraftOf({ ...milestone, ...known });
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
