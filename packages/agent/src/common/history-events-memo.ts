import type { PublishedEvent } from './event-builders';

/**
 * What a run's workflow records in its history (as the memo field `EVENTS_MEMO`) for each event it publishes
 * itself: the event and the offset it has in the run's log.
 */
export interface HistoryEventsMemo {
  readonly offset: number;
  readonly events: readonly PublishedEvent[];
}
