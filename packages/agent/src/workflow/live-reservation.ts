import { proxyLocalActivities } from '@temporalio/workflow';
import type { AgentActivities, LiveTextReservation } from '../common/activity-types';
import { messageEventBuilders as messageEvents } from '../common/event-builders';
import type { ActiveRun } from './active-run';

const { reserveLiveText } = proxyLocalActivities<AgentActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});

/**
 * Run format 3: a fresh model call's `TEXT_MESSAGE_START` (its first attempt's) comes from the workflow, in
 * the workflow task that schedules the call, not by a signal from the call. It names a live address that a
 * local activity reserved on the worker completing that task — the worker Temporal hands the call to at
 * once (eager activities), so followers connect while the call starts. The call claims the reservation;
 * on another worker it cannot and tells followers where its text is instead (`live-text-moved`).
 * Resolves undefined (the call announces itself, as in older formats) when the worker serves no live text
 * or the run is being stopped. Only for runs of format 3 (`startsCallsItself`): it waits for the reservation.
 */
export async function announceFreshCall(
  run: Pick<ActiveRun, 'events' | 'context' | 'stopRequested'>,
  messageId: string,
): Promise<LiveTextReservation | undefined> {
  if (run.stopRequested) return undefined;
  let reservation: LiveTextReservation | null;
  try {
    reservation = await reserveLiveText();
  } catch {
    return undefined;
  }
  if (!reservation || run.stopRequested) return undefined;
  run.events.publish(messageEvents.start(run.context, messageId, 1, reservation.address, reservation.worker));
  return reservation;
}
