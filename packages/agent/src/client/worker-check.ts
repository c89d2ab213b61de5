import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type AgentEvent, controlEvent, type RunContext, runEvents } from '../common/events';
import { isRefusal, retryDelay } from '../runs/retry-policy';
import { HistoryPages } from './history-pages';
import { noWorkerMessage } from './run-outcome';

interface WorkerCheckProgress {
  readonly state: 'waiting' | 'found' | 'timed-out';
  readonly elapsedMs: number;
}

const { EventType } = temporal.api.enums.v1;

/** A run nobody picked up by then is shown as waiting for a worker. */
const ANNOUNCE_AFTER_MS = 1000;

/** History events that say a worker picked the run up (its first workflow task, or the run's end). */
const PICKED_UP: ReadonlySet<temporal.api.enums.v1.EventType> = new Set([
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
]);

/**
 * The interactive worker check: after submission, waits until a worker picks up the run's first
 * workflow task. When none does within `timeoutMs`, the run is terminated (no ghost answer later).
 * Its verdict comes from Temporal's answers only: while Temporal cannot be reached it keeps asking. It
 * waits on a long poll of the run's history, which Temporal answers the moment the task is started: no
 * repeated reads while many runs start together.
 */
export class WorkerCheck {
  /**
   * True as soon as a worker picked the run up; false when the check timed out. Also true, without a
   * verdict, when the check was stopped or Temporal refused to say (e.g. the run is not there): readers
   * then meet the run as it is. Never rejects.
   */
  readonly found: Promise<boolean>;
  private readonly progress: WorkerCheckProgress[] = [];
  private stopped = false;
  /** Ends the long poll in flight when the check is stopped. */
  private readonly abort = new AbortController();
  private nextChange!: Promise<void>;
  private signalChange!: () => void;

  constructor(
    private readonly client: Client,
    private readonly handle: WorkflowHandle,
    readonly taskQueue: string,
    readonly timeoutMs: number,
  ) {
    this.armChange();
    this.found = this.check();
    this.found.catch(() => undefined);
  }

  /** The check's progress as local `worker-wait` events, then a RUN_ERROR if no worker came. */
  async *events(context: RunContext): AsyncGenerator<AgentEvent, boolean> {
    let shown = 0;
    for (;;) {
      const changed = this.nextChange;
      for (; shown < this.progress.length; shown++) {
        const value = { ...this.progress[shown]!, taskQueue: this.taskQueue, timeoutMs: this.timeoutMs };
        yield { ...controlEvent(context, 'worker-wait', value), seq: -1, local: true };
      }
      const done = await Promise.race([this.found.then(() => true), changed.then(() => false)]);
      if (done && shown === this.progress.length) break;
    }
    if (await this.found) return true;
    const message = noWorkerMessage(this.taskQueue);
    yield { ...runEvents.error(context, message, 'no-worker'), seq: -1, local: true };
    return false;
  }

  /** Ends the check without a verdict (its client is closing); the run is left as it is. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.found.catch(() => undefined);
  }

  private report(progress: WorkerCheckProgress): void {
    this.progress.push(progress);
    const signal = this.signalChange;
    this.armChange();
    signal();
  }

  /** A promise every reader can wait on, settled at the next progress report. */
  private armChange(): void {
    this.nextChange = new Promise((resolve) => {
      this.signalChange = resolve;
    });
  }

  private async check(): Promise<boolean> {
    const startedAt = Date.now();
    let announced = false;
    const announce = setTimeout(() => {
      announced = true;
      this.report({ state: 'waiting', elapsedMs: Date.now() - startedAt });
    }, ANNOUNCE_AFTER_MS);
    try {
      for (let failures = 0; ; ) {
        let started: boolean;
        try {
          started = this.stopped || (await this.firstTaskStarted(startedAt + this.timeoutMs));
        } catch (error) {
          if (this.stopped || isRefusal(error)) return true;
          // Temporal unreachable: no verdict either way; ask again once it may be back.
          await new Promise((resolve) => setTimeout(resolve, retryDelay(++failures)));
          continue;
        }
        clearTimeout(announce);
        const elapsedMs = Date.now() - startedAt;
        if (started) {
          if (announced) this.report({ state: 'found', elapsedMs });
          return true;
        }
        this.report({ state: 'timed-out', elapsedMs });
        await this.handle.terminate(noWorkerMessage(this.taskQueue)).catch(() => undefined);
        return false;
      }
    } finally {
      clearTimeout(announce);
    }
  }

  /**
   * Reads the run's history with long polls (each returns as soon as the history grows) until a worker
   * has started its first workflow task (true) or `deadline` (epoch ms) has passed and Temporal, asked
   * once more, says none has (false). A run that closed without one is no verdict either (true): its
   * readers meet it as it is.
   */
  private async firstTaskStarted(deadline: number): Promise<boolean> {
    const pages = new HistoryPages(this.client, this.handle.workflowId);
    let pageToken: Uint8Array | undefined;
    for (;;) {
      const page = await this.waitForGrowth(pages, pageToken, deadline - Date.now());
      if (!page) return this.pickedUpNow(pages);
      if (pickedUp(page.history?.events)) return true;
      if (!page.nextPageToken?.length) return true;
      pageToken = page.nextPageToken;
    }
  }

  /** A long poll of the history since `pageToken`, for `ms` at most (undefined when it got nothing in time). */
  private async waitForGrowth(pages: HistoryPages, pageToken: Uint8Array | undefined, ms: number) {
    if (ms <= 0) return undefined;
    const timeout = AbortSignal.timeout(ms);
    try {
      return await pages.read(pageToken, {
        wait: true,
        signal: AbortSignal.any([this.abort.signal, timeout]),
      });
    } catch (error) {
      if (!timeout.aborted || this.stopped) throw error;
      return undefined;
    }
  }

  /** Temporal's answer at the deadline: whether the run's history has a worker's first task by now. */
  private async pickedUpNow(pages: HistoryPages): Promise<boolean> {
    const page = await pages.read(undefined, { wait: false, signal: this.abort.signal });
    return pickedUp(page.history?.events);
  }
}

function pickedUp(events: readonly temporal.api.history.v1.IHistoryEvent[] | null | undefined): boolean {
  return (events ?? []).some((event) => PICKED_UP.has(event.eventType ?? 0));
}
