import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { LostWorkerWait } from '../runs/lost-worker-watch';

const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
/** Workers heartbeat every quarter of the timeout; a heartbeat this much later than that is missing. */
const HEARTBEAT_GRACE_MS = 1500;

/**
 * Reads from Temporal (DescribeWorkflowExecution's pending activities) whether an attempt of the run waits
 * for its heartbeat timeout: started, and silent for longer than its worker's heartbeat interval. Nobody
 * supervised its worker (the app's host fails such attempts at once); this is what the wait is for.
 */
export async function readLostWorkerWait(
  handle: WorkflowHandle,
  defaultHeartbeatTimeoutMs: number,
  now = Date.now(),
): Promise<LostWorkerWait | undefined> {
  const { raw } = await handle.describe();
  for (const activity of raw.pendingActivities ?? []) {
    if (activity.state !== STARTED) continue;
    const heartbeatTimeoutMs =
      durationMs(activity.activityOptions?.heartbeatTimeout) ?? defaultHeartbeatTimeoutMs;
    const last = timestampMs(activity.lastHeartbeatTime) ?? timestampMs(activity.lastStartedTime);
    if (last === undefined) continue;
    const silentMs = now - last;
    if (silentMs < heartbeatTimeoutMs / 4 + HEARTBEAT_GRACE_MS) continue;
    return { heartbeatTimeoutMs, remainingMs: Math.max(0, heartbeatTimeoutMs - silentMs) };
  }
  return undefined;
}

type Seconds = { seconds?: number | { toNumber(): number } | null; nanos?: number | null };

function durationMs(duration: Seconds | null | undefined): number | undefined {
  if (!duration) return undefined;
  const seconds =
    typeof duration.seconds === 'number' ? duration.seconds : (duration.seconds?.toNumber() ?? 0);
  const total = seconds * 1000 + Math.round((duration.nanos ?? 0) / 1e6);
  return total > 0 ? total : undefined;
}

function timestampMs(timestamp: Seconds | null | undefined): number | undefined {
  return timestamp ? durationMs(timestamp) : undefined;
}
