import { ApiError } from '../../shared/api-error';
import type { ConversationDetail, ConversationSummary } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { toRunInfo } from '../history/run-table';
import type { RunCoordinator } from '../runs/run-coordinator';

/** The conversation's summary; `not-found` when there is none. */
export function conversationSummary(store: HistoryStore, conversationId: string): ConversationSummary {
  const found = store.conversations.summary(conversationId);
  if (!found) throw new ApiError('not-found', `no conversation "${conversationId}"`);
  return found;
}

/** The branch on screen, with the live text of streaming answers. */
export function conversationDetail(
  store: HistoryStore,
  runs: RunCoordinator,
  conversationId: string,
): ConversationDetail {
  const leaf = store.conversations.leaf(conversationId);
  return {
    conversation: conversationSummary(store, conversationId),
    messages: (leaf ? store.messages.branch(leaf) : []).map((message) => runs.liveMessage(message)),
    runs: store.runs.byConversation(conversationId).map((run) => runs.liveRun(toRunInfo(run))),
    timeline: store.timeline.byConversation(conversationId),
  };
}
