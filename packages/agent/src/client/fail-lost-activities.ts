import type { Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { withFailureReason } from '../common/attempt-history';
import { FailureType } from '../common/names';

/** An activity a worker was running when its process ended, as the worker reported it (`ActivityEvent`). */
export interface LostActivity {
  readonly workflowId: string;
  /** Temporal's run id of the workflow execution; the latest run when absent. */
  readonly workflowRunId?: string;
  readonly activityId: string;
}

/** How `failLostActivities` tells the lost attempts apart and what it says about them. */
export interface FailLostActivitiesOptions {
  /** Why the worker is gone, as the next attempt and Temporal's history tell it: "the worker process was killed (SIGKILL)". */
  readonly reason: string;
  /** The lost worker's identity: an attempt another worker has started since is left alone. */
  readonly workerIdentity?: string;
}

const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
/** The retry of a call whose worker is gone waits for nothing: nothing is wrong with the call. */
const LOST_WORKER_RETRY_DELAY = '1 millisecond';

/**
 * Whoever sees a worker process end first acts on it: fails the activities it was running at once, as
 * retryable with the smallest retry delay, instead of leaving Temporal to wait for their heartbeat timeout.
 * Each workflow (and its parents) also leaves the dead worker's sticky queue, so its next task goes to a live
 * worker without the sticky schedule-to-start timeout. Only activities still started by that worker are
 * failed; the count of those failed is returned. Heartbeats stay the path where nobody supervises.
 */
export async function failLostActivities(
  client: Client,
  activities: readonly LostActivity[],
  options: FailLostActivitiesOptions,
): Promise<number> {
  const outcomes = await Promise.allSettled(activities.map((activity) => failOne(client, activity, options)));
  const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value).length;
}

async function failOne(
  client: Client,
  lost: LostActivity,
  options: FailLostActivitiesOptions,
): Promise<boolean> {
  const handle = client.workflow.getHandle(lost.workflowId, lost.workflowRunId);
  const { raw } = await handle.describe();
  const runId = raw.workflowExecutionInfo?.execution?.runId ?? lost.workflowRunId;
  const pending = raw.pendingActivities?.find((activity) => activity.activityId === lost.activityId);
  if (!pending || pending.state !== STARTED) return false;
  if (options.workerIdentity !== undefined && pending.lastWorkerIdentity !== options.workerIdentity)
    return false;
  await leaveStickyQueues(client, lost.workflowId, runId, raw.workflowExecutionInfo?.parentExecution);
  const id = { workflowId: lost.workflowId, ...(runId ? { runId } : {}), activityId: lost.activityId };
  const payload = pending.heartbeatDetails?.payloads?.[0];
  if (payload) {
    const details = defaultPayloadConverter.fromPayload(payload);
    await client.activity.heartbeat(id, withFailureReason(details, options.reason));
  }
  await client.activity.fail(
    id,
    ApplicationFailure.create({
      message: options.reason,
      type: FailureType.workerLost,
      nextRetryDelay: LOST_WORKER_RETRY_DELAY,
    }),
  );
  return true;
}

async function leaveStickyQueues(
  client: Client,
  workflowId: string,
  runId: string | undefined,
  parent: temporal.api.common.v1.IWorkflowExecution | null | undefined,
): Promise<void> {
  const executions = [{ workflowId, runId }];
  if (parent?.workflowId)
    executions.push({ workflowId: parent.workflowId, runId: parent.runId ?? undefined });
  await Promise.all(
    executions.map((execution) =>
      client.workflowService
        .resetStickyTaskQueue({ namespace: client.options.namespace, execution })
        .catch(() => undefined),
    ),
  );
}
