/**
 * A worker process that ended while it ran a call of a run, as the process supervising it saw it (the
 * desktop app's worker supervisor, or your own) — before Temporal notices through the heartbeat timeout.
 */
export interface WorkerLoss {
  /** How the supervisor names the worker: `Worker 1 (pid 4242)`. */
  readonly worker: string;
  /** `stopped`: politely (it hands its calls back to Temporal); `killed`: SIGKILL; `crashed`: it ended by itself. */
  readonly how: 'stopped' | 'killed' | 'crashed';
  /** The call it ran (the activity's name, as its `ActivityEvent` reports it). */
  readonly activity: 'invokeModelStreaming' | 'callTool' | 'compactMessages' | 'listTools';
  /** The model call's attempt. */
  readonly attempt: number;
  readonly taskQueue: string;
  /** Who failed the lost call in Temporal at once (`failLostActivities`); default `the app`. */
  readonly supervisor?: string;
}

/** The words for a call other than a model call that a lost worker was running. */
const LOST_CALLS: Partial<Record<WorkerLoss['activity'], string>> = {
  callTool: 'a tool call',
  compactMessages: 'a summary of earlier turns',
};

const HOW: Record<WorkerLoss['how'], string> = {
  stopped: 'was stopped',
  killed: 'was killed (SIGKILL)',
  crashed: 'crashed',
};

/**
 * A lost worker in one line of the run's timeline — what happened to the call, and where it runs next:
 * `Worker 1 (pid 4242) was killed (SIGKILL) during attempt 1; the app failed the attempt in Temporal at
 * once, and the next attempt runs on the next worker that polls task queue "agent"…`. Undefined for a call
 * a timeline does not show (listing tools).
 */
export function describeWorkerLoss(loss: WorkerLoss): string | undefined {
  const { activity, attempt, how, taskQueue, supervisor = 'the app' } = loss;
  const name = `${loss.worker} ${HOW[how]}`;
  const next = `on the next worker that polls task queue "${taskQueue}"`;
  if (activity === 'invokeModelStreaming') {
    const handedOver =
      how === 'stopped'
        ? `it handed the call back to Temporal, and the next attempt runs ${next}`
        : `${supervisor} failed the attempt in Temporal at once, and the next attempt runs ${next} (a second worker at once, or this one after Restart)`;
    return `${name} during attempt ${attempt}; ${handedOver}`;
  }
  const call = LOST_CALLS[activity];
  return (
    call &&
    `${name} during ${call}; ${supervisor} failed the call in Temporal at once, and it runs again ${next}`
  );
}
