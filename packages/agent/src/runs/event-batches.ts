import type { AgentEvent } from '../common/events';

const DEFAULT_BATCH_MS = 30;

/** Collects a run's events and hands them on together, at most one batch per `batchMs`. */
export class EventBatches {
  private pending: AgentEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onBatch: (events: readonly AgentEvent[]) => void,
    private readonly batchMs = DEFAULT_BATCH_MS,
  ) {}

  add(event: AgentEvent): void {
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** Hands on what is pending now (the run ended, or following stopped). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.onBatch(events);
  }
}
