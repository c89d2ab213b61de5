import type { Info } from '@temporalio/activity';
import type { HandedOverAttempts } from '../common/activity-types';
import { previousAttempts } from '../common/attempt-history';

/**
 * The round's attempts before this one: from the last heartbeat of this call's previous attempt (a lost or
 * failed worker), or, on a call's first attempt, from the call a shutting-down worker handed over.
 */
export function priorAttempts(
  info: Pick<Info, 'attempt' | 'heartbeatDetails'>,
  round: number,
  handedOver: HandedOverAttempts | undefined,
): ReturnType<typeof previousAttempts> {
  if (info.attempt === 1 && handedOver) return { failed: [...handedOver.failed], reason: handedOver.reason };
  const fromHeartbeat = previousAttempts(info.heartbeatDetails, round);
  // A worker lost before its first heartbeat: the handed-over attempts are still the round's.
  if (handedOver && info.heartbeatDetails === undefined) fromHeartbeat.failed.unshift(...handedOver.failed);
  return fromHeartbeat;
}
