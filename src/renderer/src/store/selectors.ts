import { FINISHED_PHASES } from 'durable-agent/run-view';
import type { ChatMessage, ConversationSummary, RunInfo } from '../../../shared/models';
import type { AppState } from './app-state';

const noMessages: readonly ChatMessage[] = [];

export function selectSelectedConversation(state: AppState): ConversationSummary | undefined {
  return state.conversations.find((conversation) => conversation.id === state.selectedConversationId);
}

export function selectSelectedMessages(state: AppState): readonly ChatMessage[] {
  const id = state.selectedConversationId;
  return (id && state.messagesByConversation[id]) || noMessages;
}

/** The run the durability panel shows: the selected conversation's active run, else its latest one. */
export function selectCurrentRunId(state: AppState): string | undefined {
  const conversation = selectSelectedConversation(state);
  if (conversation?.activeRunId) return conversation.activeRunId;
  const messages = selectSelectedMessages(state);
  for (let index = messages.length - 1; index >= 0; index--) {
    const runId = messages[index]!.runId;
    if (runId && messages[index]!.role === 'assistant') return runId;
  }
  return undefined;
}

export function selectCurrentRun(state: AppState): RunInfo | undefined {
  const runId = selectCurrentRunId(state);
  return runId ? state.runs[runId] : undefined;
}

export function isRunActive(run: RunInfo | undefined): boolean {
  return run !== undefined && !FINISHED_PHASES.includes(run.view.phase);
}

/** The run still writing in the selected conversation (what Stop and Esc act on). */
export function selectActiveRunId(state: AppState): string | undefined {
  const run = selectCurrentRun(state);
  if (isRunActive(run)) return run!.id;
  const messages = selectSelectedMessages(state);
  const last = messages.at(-1);
  return last?.status === 'streaming' ? last.runId : undefined;
}

/** The run inbox: every unfinished run the renderer knows, across conversations, oldest first. */
export function selectOpenRuns(state: AppState): RunInfo[] {
  return Object.values(state.runs)
    .filter(isRunActive)
    .sort((left, right) => left.startedAt.localeCompare(right.startedAt));
}
