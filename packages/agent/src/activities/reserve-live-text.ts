import type { LiveTextReservation } from '../common/activity-types';
import type { ActivityDependencies } from './dependencies';

/**
 * The local activity a format-3 run calls before a fresh model call: a live address on this worker, which
 * the call claims when it runs here (see `workflow/live-reservation.ts`); null when the worker serves no live text.
 */
export function createReserveLiveText(dependencies: ActivityDependencies) {
  return async function reserveLiveText(): Promise<LiveTextReservation | null> {
    const { liveText, workerIdentity } = dependencies;
    if (!liveText || workerIdentity === undefined) return null;
    return { address: liveText.reserve(), worker: workerIdentity };
  };
}
