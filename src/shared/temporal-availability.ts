import type { TemporalStatus } from './models';

/** What the app says while Temporal is down: the error of the verbs that need it, the banner, the panel. */
export const TEMPORAL_UNREACHABLE_MESSAGE = 'Temporal unreachable — reconnecting';

/**
 * Temporal is down from the moment it stops answering until it is ready again (a restarted dev server
 * passes through `starting`). The first start-up, before Temporal ever answered, is not "down".
 */
export function isTemporalDown(status: TemporalStatus): boolean {
  return status.state === 'unreachable' || (status.state === 'starting' && status.downSince !== undefined);
}
