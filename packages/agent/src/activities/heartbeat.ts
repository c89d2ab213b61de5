import type { Context } from '@temporalio/activity';

/**
 * Heartbeats from the first line and then on a timer, so a killed worker is noticed within the
 * heartbeat timeout even while the model is silent (the SDK throttles what it actually sends).
 */
export function startHeartbeat(activity: Context, details: () => unknown, heartbeatTimeoutMs: number) {
  const beat = () => activity.heartbeat(details());
  beat();
  const timer = setInterval(beat, Math.max(200, Math.floor(heartbeatTimeoutMs / 4)));
  return {
    beat,
    stop: () => clearInterval(timer),
  };
}
