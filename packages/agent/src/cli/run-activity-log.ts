import type { ActivityEvent } from '../activities/dependencies';
import { visibleLine } from './terminal-text';

/**
 * The worker's line per call it starts and ends, so with two workers on one queue (scenario 6)
 * anyone can see which one is busy, and which one took over a run. "Attempt" is named only on a retry
 * of the same call:
 *
 *     [run] 3f2a1b2c model call started
 *     [run] 3f2a1b2c model call completed in 4.1 s
 *     [run] 3f2a1b2c model call failed after 2.0 s: the worker shut down during the model call
 *     [run] 3f2a1b2c model call, attempt 2, stopped after 0.8 s (stopped by the user)
 *
 * The run id is shortened to its first 8 characters; a run with tool calls has a pair of lines per
 * model round. Fed by the worker's `onActivity`.
 */
export class RunActivityLog {
  private readonly startedAt = new Map<string, number>();

  constructor(
    private readonly print: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  readonly onActivity = (event: ActivityEvent): void => {
    // Listing a run's tools (runs from before the first model call listed them) is instant: no line.
    if (event.activity === 'listTools') return;
    const key = `${event.workflowId}/${event.activityId}/${event.attempt}`;
    const call =
      event.activity === 'callTool'
        ? 'tool call'
        : event.activity === 'compactMessages'
          ? 'summary'
          : 'model call';
    const retry = event.attempt > 1 ? `, attempt ${event.attempt},` : '';
    const what = `[run] ${shortRunId(event.runId)} ${call}${retry}`;
    if (event.phase === 'started') {
      this.startedAt.set(key, this.now());
      this.print(`${what} started`);
      return;
    }
    const started = this.startedAt.get(key);
    this.startedAt.delete(key);
    const took = started === undefined ? '' : `${((this.now() - started) / 1000).toFixed(1)} s`;
    const reason = event.error === undefined ? undefined : visibleLine(event.error);
    if (event.phase === 'completed' && reason === undefined) {
      this.print(`${what} completed${took && ` in ${took}`}`);
    } else if (event.phase === 'completed') {
      // A Stop ends the attempt with its partial text: completed, but with the reason it ended early.
      this.print(`${what} stopped${took && ` after ${took}`} (${reason})`);
    } else {
      this.print(`${what} failed${took && ` after ${took}`}: ${reason ?? 'no reason given'}`);
    }
  };
}

/** The first 8 characters of a run id (a UUID in the CLI): enough to tell runs apart on one screen. */
export function shortRunId(runId: string): string {
  return visibleLine(runId.slice(0, 8));
}
