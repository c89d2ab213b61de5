import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** A model or tool call whose worker stopped heartbeating: Temporal retries it once the heartbeat timeout passes. */
export interface LostWorkerWait {
  readonly heartbeatTimeoutMs: number;
  /** Until Temporal's heartbeat timeout declares the attempt lost (0: any moment now). */
  readonly remainingMs: number;
}

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

/** `waiting for Temporal to notice the lost worker (heartbeat timeout 10 s) — 7 s left` */
export function lostWorkerWaitMessage(wait: LostWorkerWait): string {
  const timeout = `heartbeat timeout ${Math.round(wait.heartbeatTimeoutMs / 1000)} s`;
  const left = Math.ceil(wait.remainingMs / 1000);
  return `waiting for Temporal to notice the lost worker (${timeout}) — ${left > 0 ? `${left} s left` : 'any moment now'}`;
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
