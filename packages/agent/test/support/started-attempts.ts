import { temporal } from '@temporalio/proto';
import { connectClient } from './temporal-connection';

const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/** One attempt of an activity as Temporal handed it out: to which worker, and seconds after watching began. */
export interface StartedAttempt {
  readonly activityId: string;
  readonly attempt: number;
  readonly worker: string;
  readonly atSeconds: number;
}

/**
 * Watches a workflow's pending activities and records each attempt Temporal hands to a worker — also those
 * a worker never runs (a poll left open by a paused process), which publish nothing a follower could see.
 */
export async function watchStartedAttempts(workflowId: string) {
  const { client, connection } = await connectClient();
  const handle = client.workflow.getHandle(workflowId);
  const began = Date.now();
  const started: StartedAttempt[] = [];
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const { raw } = await handle.describe().catch(() => ({ raw: { pendingActivities: [] } }));
      for (const pending of raw.pendingActivities ?? []) {
        if (pending.state !== STARTED) continue;
        const activityId = pending.activityId ?? '';
        const attempt = pending.attempt ?? 0;
        if (started.some((each) => each.activityId === activityId && each.attempt === attempt)) continue;
        const worker = pending.lastWorkerIdentity ?? '';
        started.push({ activityId, attempt, worker, atSeconds: (Date.now() - began) / 1000 });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    started,
    async stop(): Promise<StartedAttempt[]> {
      watching = false;
      await watch;
      await connection.close();
      return started;
    },
  };
}
