import { setTimeout as sleep } from 'node:timers/promises';

/** Delay before restart number `attempt` (0-based): 0.5 s, 1 s, 2 s, 4 s, 8 s, then 10 s for ever. */
export function restartDelayMs(attempt: number, firstMs = 500, maxMs = 10_000): number {
  return Math.min(firstMs * 2 ** Math.min(attempt, 20), maxMs);
}

/** Waits `ms`; resolves `false` at once when `signal` aborts (the app is closing) instead of throwing. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
