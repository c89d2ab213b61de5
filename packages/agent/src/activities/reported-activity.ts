import { Context } from '@temporalio/activity';
import { messageOf } from '../common/error-message';
import type { ActivityDependencies, ActivityEvent } from './dependencies';

/**
 * `execute`, told to the worker's `onActivity` when it starts and ends — so whoever supervises the worker
 * process knows every activity it runs (a tool call too) and can fail them all at once if the process dies
 * (`failLostActivities`). The model call reports itself: its attempts count on across hand-overs.
 */
export function reportedActivity<Input, Output>(
  activity: Exclude<ActivityEvent['activity'], 'invokeModelStreaming'>,
  dependencies: ActivityDependencies,
  execute: (input: Input) => Promise<Output>,
): (input: Input) => Promise<Output> {
  const onActivity = dependencies.onActivity;
  if (!onActivity) return execute;
  return async (input: Input) => {
    const { info } = Context.current();
    const workflowId = info.workflowExecution?.workflowId ?? '';
    const workflowRunId = info.workflowExecution?.runId;
    const runId = (input as { runId?: unknown }).runId;
    const report = (phase: ActivityEvent['phase'], error?: string) =>
      onActivity({
        phase,
        activity,
        workflowId,
        ...(workflowRunId ? { workflowRunId } : {}),
        activityId: info.activityId,
        // The agent's run id; a legacy activity without one (`listTools`) goes by its workflow id.
        runId: typeof runId === 'string' ? runId : workflowId,
        attempt: info.attempt,
        ...(error === undefined ? {} : { error }),
      });
    report('started');
    try {
      const output = await execute(input);
      report('completed');
      return output;
    } catch (error) {
      report('failed', messageOf(error));
      throw error;
    }
  };
}
