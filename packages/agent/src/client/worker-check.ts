import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type AgentEvent, controlEvent, type RunContext, runEvents } from '../common/events';
import { isRefusal, retryDelay } from '../runs/retry-policy';
import { noWorkerMessage } from './run-outcome';

interface WorkerCheckProgress {
  readonly state: 'waiting' | 'found' | 'timed-out';
  readonly elapsedMs: number;
}

const { EventType } = temporal.api.enums.v1;

/** Checks often at first (a live worker picks a run up within milliseconds), then every 250 ms. */
const pollInterval = (elapsedMs: number) => (elapsedMs < 1000 ? 20 : 250);

/**
 * The interactive worker check: after submission, waits until a worker picks up the run's first
 * workflow task. When none does within `timeoutMs`, the run is terminated (no ghost answer later).
 * Its verdict comes from Temporal's answers only: while Temporal cannot be reached it keeps asking.
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
    for (let failures = 0; ; ) {
      let started: boolean;
      try {
        started = this.stopped || (await this.workflowTaskStarted());
        failures = 0;
      } catch (error) {
        if (this.stopped || isRefusal(error)) return true;
        // Temporal unreachable: no verdict either way; ask again once it may be back.
        await new Promise((resolve) => setTimeout(resolve, retryDelay(++failures)));
        continue;
      }
      const elapsedMs = Date.now() - startedAt;
      if (started) {
        if (announced) this.report({ state: 'found', elapsedMs });
        return true;
      }
      if (elapsedMs >= this.timeoutMs) {
        this.report({ state: 'timed-out', elapsedMs });
        await this.handle.terminate(noWorkerMessage(this.taskQueue)).catch(() => undefined);
        return false;
      }
      if (!announced && elapsedMs >= 1000) {
        announced = true;
        this.report({ state: 'waiting', elapsedMs });
      }
      const wait = Math.min(pollInterval(elapsedMs), Math.max(1, this.timeoutMs - elapsedMs));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async workflowTaskStarted(): Promise<boolean> {
    const response = await this.client.workflowService.getWorkflowExecutionHistory({
      namespace: this.client.options.namespace,
      execution: { workflowId: this.handle.workflowId },
      maximumPageSize: 20,
    });
    return (response.history?.events ?? []).some(
      (event) =>
        event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED ||
        event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
    );
  }
}
