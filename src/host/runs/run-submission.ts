import { randomUUID } from 'node:crypto';
import { AgentError, EMPTY_RUN_VIEW, type FollowedRun, formatDuration } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ChatMessage } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import type { RunRecord } from '../history/run-table';
import type { HostEvents } from '../host-events';
import type { AgentClients } from './agent-clients';
import type { Follow } from './followed-answer';
import { finalizeRun } from './run-finalization';

/**
 * Records the run of an answer under the id it will have, then returns how to submit it with the library
 * (which records its Temporal in the journal before starting it, and starts it idempotently). A crash at any
 * point leaves a record that start-up follows again.
 */
export function recordRun(
  store: HistoryStore,
  user: ChatMessage,
  assistant: ChatMessage,
  workflowIdFor: (runId: string) => string,
): RunRecord {
  const runId = randomUUID();
  return store.transaction(() => {
    const record = store.runs.insert({
      id: runId,
      workflowId: workflowIdFor(runId),
      conversationId: assistant.conversationId,
      userMessageId: user.id,
      assistantMessageId: assistant.id,
      at: new Date().toISOString(),
    });
    store.messages.setRun(assistant.id, runId);
    if (!user.runId) store.messages.setRun(user.id, runId);
    return record;
  });
}

/** Submits a recorded run; a submission Temporal refused ends the answer as failed, with why, and throws. */
export function submission(
  dependencies: { store: HistoryStore; events: HostEvents; agents: AgentClients },
  record: RunRecord,
  prompt: string,
): Follow {
  const { store, events, agents } = dependencies;
  return async (journal, follow): Promise<FollowedRun> => {
    const agent = await agents.current();
    try {
      const followed = await agent.submit(prompt, {
        conversationId: record.conversationId,
        runId: record.id,
        journal,
        follow,
      });
      const detail = `submitted to task queue "${agent.taskQueue}" (timeout ${formatDuration(agent.timeoutMs)})`;
      const entry = store.timeline.append({
        runId: record.id,
        kind: 'submitted',
        at: record.startedAt,
        detail,
      });
      if (entry) events.emit('timelineAppended', entry);
      return followed;
    } catch (error) {
      // Refused before or at the start (the library has ended it in the journal when Temporal refused it).
      const message = `the message could not be submitted: ${error instanceof Error ? error.message : String(error)}`;
      const code = error instanceof AgentError ? error.code : 'not-submitted';
      finalizeRun(store, events, record, {
        view: EMPTY_RUN_VIEW,
        result: { ...emptyFailure, error: { code, message } },
      });
      throw new NotSubmitted(message, error);
    }
  };
}

const emptyFailure = {
  status: 'failed' as const,
  text: '',
  messages: [],
  usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
  usageByAttempt: [],
  attempts: 0,
  rounds: 0,
};

/** The submission failed for good: the answer is already stored as failed. */
export class NotSubmitted extends ApiError {
  constructor(message: string, cause: unknown) {
    super('unavailable', message, { cause });
  }
}
