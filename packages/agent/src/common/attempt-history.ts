import type { AttemptUsage, Usage } from './types';

/** What an attempt reports in its heartbeats, so the next attempt knows what the lost ones cost. */
export interface AttemptHeartbeat {
  readonly round: number;
  /** Earlier attempts of this round that failed. */
  readonly failed: readonly AttemptUsage[];
  /** This attempt so far. */
  readonly current: {
    readonly attempt: number;
    readonly usage: Usage;
    readonly failureReason?: string;
    readonly model?: string;
  };
}

const LOST_WORKER = 'the worker was lost';

/** Reads the previous attempt's last heartbeat: its usage counts as failed, and why it failed. */
export function previousAttempts(
  details: unknown,
  round: number,
): { failed: AttemptUsage[]; reason: string } {
  const heartbeat = details as AttemptHeartbeat | undefined;
  if (!heartbeat || heartbeat.round !== round || !heartbeat.current)
    return { failed: [], reason: LOST_WORKER };
  const { attempt, usage, failureReason, model } = heartbeat.current;
  return {
    failed: [
      ...heartbeat.failed,
      { round, attempt, outcome: 'failed', ...(model === undefined ? {} : { model }), ...usage },
    ],
    reason: failureReason ?? LOST_WORKER,
  };
}

/** Rough usage of an unfinished attempt: about four characters a prompt token, one chunk a completion token. */
export function estimateUsage(promptCharacters: number, completionChunks: number): Usage {
  const promptTokens = Math.ceil(promptCharacters / 4);
  return { promptTokens, completionTokens: completionChunks, totalTokens: promptTokens + completionChunks };
}

/** A lost attempt's last heartbeat with the reason it was lost, for the next attempt to tell (see `previousAttempts`). */
export function withFailureReason(details: unknown, reason: string): unknown {
  const heartbeat = details as AttemptHeartbeat | undefined;
  if (!heartbeat || typeof heartbeat !== 'object' || !heartbeat.current) return details;
  return { ...heartbeat, current: { ...heartbeat.current, failureReason: reason } };
}
