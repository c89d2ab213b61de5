import { randomUUID } from 'node:crypto';
import {
  AgentError,
  EMPTY_RUN_VIEW,
  emptyRunResult,
  formatDuration,
  messageOf,
  toWorkflowId,
} from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ChatMessage } from '../../shared/models';
import { AGENT_NAME } from '../agent/agent-clients';
import { conversationChoices } from '../agent/conversation-choices';
import type { HistoryStore } from '../history/history-store';
import type { RunRecord } from '../history/run-table';
import { appendTimelineLine } from '../timeline/timeline-lines';
import type { Follow } from './followed-answer';
import type { RunCoordinatorDependencies } from './run-coordinator';

/** Records the run of an answer under the id it will have, before anything is sent: a crash finds it. */
export function recordRun(store: HistoryStore, user: ChatMessage, assistant: ChatMessage): RunRecord {
  const runId = randomUUID();
  const { conversationId } = assistant;
  return store.transaction(() => {
    const record = store.runs.insert({
      id: runId,
      workflowId: toWorkflowId({ agentName: AGENT_NAME, conversationId, runId }),
      conversationId,
      userMessageId: user.id,
      assistantMessageId: assistant.id,
      at: new Date().toISOString(),
    });
    store.messages.setRun(assistant.id, runId);
    if (!user.runId) store.messages.setRun(user.id, runId);
    return record;
  });
}

/**
 * Submits a recorded run with the library (which records its Temporal in the journal, then starts it
 * idempotently). A submission that fails ends the answer as failed, with why, and throws.
 */
export function submission(
  {
    store,
    events,
    agents,
    defaultSystemPrompt,
    models,
  }: Pick<RunCoordinatorDependencies, 'store' | 'events' | 'agents' | 'defaultSystemPrompt' | 'models'>,
  record: RunRecord,
  user: ChatMessage,
): Follow {
  return async (journal, follow) => {
    try {
      const agent = await agents.current();
      const alwaysAllowedTools = store.allowedTools.byConversation(record.conversationId);
      const followed = await agent.submit(user.text, {
        ...(user.attachments?.length ? { attachments: user.attachments } : {}),
        ...conversationChoices(store, record.conversationId, defaultSystemPrompt(), models),
        conversationId: record.conversationId,
        runId: record.id,
        ...(alwaysAllowedTools.length > 0 ? { alwaysAllowedTools } : {}),
        journal,
        follow,
      });
      const detail = `submitted to task queue "${agent.taskQueue}" (timeout ${formatDuration(agent.timeoutMs)})`;
      // Written once Temporal has the run: a full disk now loses this line, not the run.
      appendTimelineLine(store, events, {
        runId: record.id,
        kind: 'submitted',
        at: record.startedAt,
        detail,
      });
      return followed;
    } catch (error) {
      const message = `the message could not be submitted: ${messageOf(error)}`;
      const code = error instanceof AgentError ? error.code : 'not-submitted';
      const result = emptyRunResult('failed', { code, message });
      journal.finalize({ view: EMPTY_RUN_VIEW, result, messages: [] }); // once: the library may have done it
      throw new ApiError('unavailable', message, { cause: error });
    }
  };
}
