import { randomUUID } from 'node:crypto';
import { type Agent, AgentError, type AgentRun, formatDuration } from 'durable-agent';
import { ApiError } from '../../shared/api-error';
import type { ChatMessage } from '../../shared/models';
import type { AgentProvider } from './agent-provider';
import type { RunRecord } from '../history/run-table';
import type { HistoryStore } from '../history/history-store';
import type { HostEvents } from '../host-events';
import { finalizeRun } from './run-finalization';
import { errorMessage, notSubmitted } from './run-not-submitted';

export interface Submission {
  readonly run: AgentRun;
  readonly record: RunRecord;
}

/**
 * Submits the run of an answer. The run is recorded before it is submitted, under the id it will have:
 * if the app dies while the workflow starts, start-up reconciliation finds it on Temporal and finishes
 * the answer. A submission that fails ends the answer as failed, with the reason, and throws.
 */
export async function submitRun(
  dependencies: { store: HistoryStore; events: HostEvents; agents: AgentProvider },
  conversationId: string,
  user: ChatMessage,
  assistant: ChatMessage,
): Promise<Submission> {
  const { store, events, agents } = dependencies;
  let agent: Agent;
  try {
    agent = await agents.current();
  } catch (error) {
    const code = error instanceof AgentError ? error.code : 'submit-failed';
    store.messages.finalize(
      assistant.id,
      { text: '', status: 'failed', attempt: 1, error: { code, message: errorMessage(error) } },
      new Date().toISOString(),
    );
    events.emit('messageUpdated', store.messages.get(assistant.id)!);
    throw submissionFailed(error);
  }
  const runId = randomUUID();
  const at = new Date().toISOString();
  const record = store.transaction(() => {
    const inserted = store.runs.insert({
      id: runId,
      workflowId: agent.workflowIdFor(conversationId, runId),
      conversationId,
      userMessageId: user.id,
      assistantMessageId: assistant.id,
      status: 'submitted',
      at,
    });
    store.messages.setRun(assistant.id, runId);
    if (!user.runId) store.messages.setRun(user.id, runId);
    return inserted;
  });
  let run: AgentRun;
  try {
    run = await agent.stream(user.text, { conversationId, runId });
  } catch (error) {
    const ending = { record, state: record, foldedText: '', hadApprovals: false };
    finalizeRun(store, events, { ...ending, result: notSubmitted(record, error) });
    throw submissionFailed(error);
  }
  const detail = `submitted to task queue "${agent.taskQueue}" (timeout ${formatDuration(agent.timeoutMs)})`;
  const entry = store.timeline.append({ runId, kind: 'submitted', at, detail });
  if (entry) events.emit('timelineAppended', entry);
  return { run, record };
}

function submissionFailed(error: unknown): ApiError {
  return new ApiError('unavailable', `the message could not be submitted: ${errorMessage(error)}`, {
    cause: error,
  });
}
