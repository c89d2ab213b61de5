import { describeTemporal, type TemporalIdentity } from './temporal-identity';

/** Why a run is not where it is looked for, in words for the user: it lives on another Temporal. */
export function otherTemporalMessage(recorded: TemporalIdentity, current: TemporalIdentity): string {
  if (recorded.address !== current.address)
    return `waiting for its Temporal: ${describeTemporal(recorded)} (connected to ${describeTemporal(current)})`;
  return (
    `waiting for its Temporal: the server now at ${describeTemporal(current)} is not the one the run was ` +
    'submitted to (another server on that address, or a new database)'
  );
}

/** …or its own Temporal does not know it: never started (nothing was read of it), or gone since. */
export function notFoundMessage(recorded: TemporalIdentity, anythingRead: boolean): string {
  return anythingRead
    ? `the run no longer exists on ${describeTemporal(recorded)} (was its database reset?)`
    : `the run was never started on ${describeTemporal(recorded)}: the process submitting it stopped first; send it again`;
}
