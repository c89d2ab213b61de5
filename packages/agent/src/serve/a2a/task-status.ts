import { type Artifact, type Task, TaskState, type TaskStatus } from '@a2a-js/sdk';
import { assertNever } from '../../common/errors';
import type { RunView } from '../../runs/run-view';
import { agentMessage, dataPart, type TaskIds, textPart } from './task-parts';

/**
 * A2A's task state of a run: a run waiting for an approval is `input-required` (the next message on the
 * task answers it); a budget-exhausted run ended without finishing its work: `failed`.
 */
export function taskStateOf(view: RunView): TaskState {
  switch (view.phase) {
    case 'submitted':
    case 'waiting-for-worker':
      return TaskState.TASK_STATE_SUBMITTED;
    case 'streaming':
    case 'retrying':
      return TaskState.TASK_STATE_WORKING;
    case 'awaiting-approval':
      return TaskState.TASK_STATE_INPUT_REQUIRED;
    case 'completed':
      return TaskState.TASK_STATE_COMPLETED;
    case 'cancelled':
      return TaskState.TASK_STATE_CANCELED;
    case 'failed':
    case 'budget-exhausted':
      return TaskState.TASK_STATE_FAILED;
    default:
      return assertNever(view.phase);
  }
}

/** States after which a task takes no more messages. */
export function isTerminalState(state: TaskState): boolean {
  return [
    TaskState.TASK_STATE_COMPLETED,
    TaskState.TASK_STATE_FAILED,
    TaskState.TASK_STATE_CANCELED,
    TaskState.TASK_STATE_REJECTED,
  ].includes(state);
}

/**
 * The task's status: an approval waiting says what to approve (text, and the call as data); an ended
 * task carries the answer (or the error) as the agent's message.
 */
export function taskStatusOf(view: RunView, ids: TaskIds): TaskStatus {
  const state = taskStateOf(view);
  const timestamp = new Date().toISOString();
  const approval = view.approvals[0];
  if (state === TaskState.TASK_STATE_INPUT_REQUIRED && approval) {
    const question = `Approve ${approval.toolName}(${approval.arguments})? Reply "approve" or "deny".`;
    const parts = [textPart(question), dataPart({ ...approval, reason: approval.reason ?? '' })];
    return { state, message: agentMessage(ids, `${approval.toolCallId}:approval`, parts), timestamp };
  }
  if (!isTerminalState(state)) return { state, message: undefined, timestamp };
  const answer = view.messages.at(-1);
  const text =
    view.error && state === TaskState.TASK_STATE_FAILED ? view.error.message : (answer?.text ?? '');
  const messageId = answer?.messageId ?? `${ids.taskId}:end`;
  return { state, message: agentMessage(ids, messageId, [textPart(text)]), timestamp };
}

/** The run's assistant messages with text, one artifact each (its id is the message's). */
export function artifactsOf(view: RunView): Artifact[] {
  return view.messages
    .filter((message) => message.text !== '')
    .map((message) => textArtifact(message.messageId, message.text));
}

export function textArtifact(messageId: string, text: string): Artifact {
  return {
    artifactId: messageId,
    name: 'answer',
    description: '',
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
  };
}

/** The task as it is in `view`. */
export function taskOf(view: RunView, ids: TaskIds): Task {
  return {
    id: ids.taskId,
    contextId: ids.contextId,
    status: taskStatusOf(view, ids),
    artifacts: artifactsOf(view),
    history: [],
    metadata: undefined,
  };
}
