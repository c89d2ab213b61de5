import type { TemporalStatus } from '../../../shared/models';
import { isTemporalDown } from '../../../shared/temporal-availability';
import type { AppState } from './app-state';

/** Temporal's status while it is down (unreachable, or restarting after it went away); otherwise undefined. */
export function selectTemporalOutage(state: AppState): TemporalStatus | undefined {
  return state.temporal && isTemporalDown(state.temporal) ? state.temporal : undefined;
}
