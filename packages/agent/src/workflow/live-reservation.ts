import { proxyLocalActivities } from '@temporalio/workflow';
import type { AgentActivities, LiveTextReservation } from '../common/activity-types';
import { messageEventBuilders as messageEvents } from '../common/event-builders';
import type { ActiveRun } from './active-run';

const { reserveLiveText } = proxyLocalActivities<AgentActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});

/*
 * Run format 3 (`startsCallsItself`): a fresh model call's `TEXT_MESSAGE_START` (its first attempt's) comes
 * from the workflow, in the workflow task that schedules the call, not by a signal from the call. It names
 * a live address that the local activity `reserveLiveText` reserved on the worker completing that task —
 * the worker Temporal hands the call to at once (eager activities), so followers connect while the call
 * starts. The call claims the reservation there; on another worker it says where its text moved instead
 * (`openAttemptLiveText`).
 */

/** A live address on the worker running this workflow task; null when it serves none or did not answer. */
export async function reserveLiveAddress(): Promise<LiveTextReservation | null> {
  try {
    return await reserveLiveText();
  } catch {
    return null;
  }
}

/** Publishes a fresh call's start with its reserved address, unless the run is being stopped. */
export function announceCall(
  run: Pick<ActiveRun, 'events' | 'context' | 'stopRequested'>,
  reservation: LiveTextReservation | null,
  messageId: string,
): LiveTextReservation | undefined {
  if (!reservation || run.stopRequested) return undefined;
  run.events.publish(messageEvents.start(run.context, messageId, 1, reservation.address, reservation.worker));
  return reservation;
}
