import type { ScheduleDescription, ScheduleHandle } from '@temporalio/client';
import { grpcStatusOf } from '../runs/retry-policy';

/** gRPC's DEADLINE_EXCEEDED. */
const DEADLINE_EXCEEDED = 4;

/** Waits before each further try of a describe that timed out inside the server (5 tries in all, ~1.5 s). */
const RETRY_DELAYS_MS = [100, 200, 400, 800];

/**
 * A schedule's description. Temporal answers a describe by querying the schedule's own workflow, and on a
 * busy server that query can time out inside it (`4 DEADLINE_EXCEEDED: context deadline exceeded`, wrapped in
 * "Failed to describe schedule"): 1 in ~4,700 describes with the two cores saturated. A read, so it is tried
 * again; any other error (a deleted schedule: `ScheduleNotFoundError`) is the caller's at once.
 */
export async function describeSchedule(handle: ScheduleHandle): Promise<ScheduleDescription> {
  for (const delayMs of RETRY_DELAYS_MS) {
    try {
      return await handle.describe();
    } catch (error) {
      if (grpcStatusOf(error) !== DEADLINE_EXCEEDED) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return handle.describe();
}
