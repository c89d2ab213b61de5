import { WorkflowNotFoundError } from '@temporalio/client';
import type { AgentRun } from '../client/agent-run';
import { notSubmittedResult } from '../client/run-outcome';
import { AgentError } from '../common/errors';
import type { AgentEvent } from '../common/events';
import type { AgentRunResult, ApprovalDecision } from '../common/types';
import { applyRunEvent } from './apply-run-event';
import { isRefusal, isTransient, retryDelay } from './retry-policy';
import type { RunEnding, RunEntry, RunJournal } from './run-journal';
import { EMPTY_RUN_VIEW, type RunView } from './run-view';
import { describeTemporal, sameTemporal, type TemporalIdentity } from './temporal-identity';

/**
 * How following goes: `live` (Temporal answers), `reconnecting` (Temporal cannot be reached: nothing is
 * decided, following goes on when it is back), `other-temporal` (the run lives on a Temporal this client
 * is not connected to), then `finished` or `stopped` (the caller stopped following; the run goes on).
 */
export type FollowState =
  | { readonly kind: 'live' }
  | { readonly kind: 'reconnecting'; readonly since: string; readonly error: string }
  | { readonly kind: 'other-temporal'; readonly message: string }
  | { readonly kind: 'finished' }
  | { readonly kind: 'stopped' };

export interface FollowOptions {
  /** A view saved earlier (`journal.progress`): events are read after its `lastSeq`. */
  readonly from?: RunView;
  /** `journal.progress` is called at most this often, and at once when a milestone is reached; default 250 ms. */
  readonly progressIntervalMs?: number;
  /** Each event as it is applied, with the view after it (for live displays). */
  readonly onEvent?: (event: AgentEvent, view: RunView) => void;
  readonly onState?: (state: FollowState) => void;
}

/** Where a followed run comes from: the agent that attaches to it (and, for a new run, starts it). */
export interface RunSource {
  attach(id: string): Promise<AgentRun>;
  identity(): Promise<TemporalIdentity>;
}

/**
 * Follows one run until Temporal gives its final word — its result, failure, timeout, or "not found" on
 * the Temporal recorded with it — through lost connections and Temporal restarts, and hands every change
 * and the ending to the caller's journal. It never decides a run's fate because Temporal was unreachable.
 */
export class FollowedRun {
  private currentView: RunView;
  private currentState: FollowState = { kind: 'live' };
  private run: AgentRun | undefined;
  /** Starts the run while its start is not settled (Temporal did not answer the first start). */
  private starter: (() => Promise<AgentRun>) | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private lastProgress = 0;
  private progressTimer: NodeJS.Timeout | undefined;
  /** The journal's progress writes, one after another; the ending is written after the last of them. */
  private progressWrites: Promise<void> = Promise.resolve();
  /**
   * Resolves with the ending once the journal has it; undefined when following was stopped first. Rejects
   * only when the journal's `finish` fails or the entry cannot name a run (an invalid id).
   */
  readonly done: Promise<RunEnding | undefined>;

  constructor(
    readonly entry: RunEntry,
    private readonly journal: RunJournal,
    private readonly source: RunSource,
    private readonly options: FollowOptions = {},
    /** The run, when the caller already has it; otherwise how to start it (idempotently), if not yet started. */
    begin?: { run: AgentRun } | { start: () => Promise<AgentRun> },
  ) {
    this.currentView = options.from ?? EMPTY_RUN_VIEW;
    if (begin && 'run' in begin) this.run = begin.run;
    if (begin && 'start' in begin) this.starter = begin.start;
    this.done = this.follow();
    this.done.catch(() => undefined); // not an unhandled rejection when the caller does not wait for it
  }

  get id(): string {
    return this.entry.id;
  }

  get view(): RunView {
    return this.currentView;
  }

  get state(): FollowState {
    return this.currentState;
  }

  /** Stops the run: the model request is aborted, the partial text kept, the run ends as cancelled. */
  async cancel(): Promise<void> {
    await this.connectedRun().cancel();
  }

  async approve(toolCallId: string, decision: ApprovalDecision): Promise<void> {
    await this.connectedRun().approve(toolCallId, decision);
  }

  /** Stops following (the caller is closing): progress is saved, the run goes on; follow it again later. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    clearTimeout(this.progressTimer);
    await this.progressWrites;
    await this.journal.progress(this.entry, this.currentView);
    this.setState({ kind: 'stopped' });
  }

  private connectedRun(): AgentRun {
    if (this.run && this.currentState.kind === 'live') return this.run;
    const state = this.currentState;
    if (state.kind === 'other-temporal') throw new AgentError('temporal-unreachable', state.message);
    throw new AgentError('temporal-unreachable', 'Temporal unreachable — reconnecting');
  }

  private async follow(): Promise<RunEnding | undefined> {
    let result: AgentRunResult | undefined;
    for (let failures = 1; !this.stopped; failures++) {
      try {
        result = await this.followOnce();
        break;
      } catch (error) {
        if (this.starter && isRefusal(error)) {
          result = notSubmittedResult(error); // Temporal refused to start it: that is its word
          break;
        }
        if (!isTransient(error)) throw error;
        if (error instanceof WorkflowNotFoundError) this.run = undefined; // attach again: is it gone for good?
        if (!(error instanceof RetryLater)) {
          const since =
            this.currentState.kind === 'reconnecting' ? this.currentState.since : new Date().toISOString();
          this.setState({ kind: 'reconnecting', since, error: messageOf(error) });
        }
        await this.pause(retryDelay(failures));
      }
    }
    clearTimeout(this.progressTimer);
    if (this.stopped || !result) return undefined;
    const ending: RunEnding = { view: this.currentView, result };
    await this.progressWrites;
    await this.journal.finish(this.entry, ending);
    this.setState({ kind: 'finished' });
    return ending;
  }

  /** Reads the run to its end once; throws when Temporal cannot be reached (the caller retries). */
  private async followOnce(): Promise<AgentRunResult | undefined> {
    if (!this.run) {
      const obtained = await this.obtainRun();
      if (!('events' in obtained)) return obtained;
      this.run = obtained;
    }
    await this.readEvents(this.run);
    if (this.stopped) return undefined;
    return this.run.result();
  }

  /**
   * Attaches to the run (or starts it, for a new run whose start is not settled yet). "Not found" is final
   * only on the Temporal recorded with the run: elsewhere, the run waits for its own Temporal.
   */
  private async obtainRun(): Promise<AgentRun | AgentRunResult> {
    if (this.starter) {
      const run = await this.starter();
      this.starter = undefined;
      this.setState({ kind: 'live' });
      return run;
    }
    try {
      const run = await this.source.attach(this.entry.id);
      this.setState({ kind: 'live' });
      return run;
    } catch (error) {
      if (!(error instanceof AgentError && error.code === 'run-not-found')) throw error;
      const current = await this.source.identity();
      if (sameTemporal(this.entry.temporal, current)) return notFoundResult(this.entry, this.currentView);
      const message = otherTemporalMessage(this.entry.temporal, current);
      this.setState({ kind: 'other-temporal', message });
      throw new RetryLater(message);
    }
  }

  private async readEvents(run: AgentRun): Promise<void> {
    for await (const event of run.events({ fromSeq: this.currentView.lastSeq + 1 })) {
      if (this.stopped) return;
      this.setState({ kind: 'live' });
      const before = this.currentView;
      this.currentView = applyRunEvent(before, event);
      this.options.onEvent?.(event, this.currentView);
      this.scheduleProgress(this.currentView.milestones.length !== before.milestones.length);
    }
  }

  private scheduleProgress(now: boolean): void {
    const interval = this.options.progressIntervalMs ?? 250;
    const elapsed = Date.now() - this.lastProgress;
    if (!now && elapsed < interval) {
      this.progressTimer ??= setTimeout(() => this.saveProgress(), interval - elapsed);
      return;
    }
    this.saveProgress();
  }

  private saveProgress(): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    if (this.stopped) return;
    this.lastProgress = Date.now();
    const view = this.currentView;
    // A failed write is not fatal: the next one (or the ending) carries the whole view again.
    this.progressWrites = this.progressWrites
      .then(() => this.journal.progress(this.entry, view))
      .catch(() => undefined);
  }

  private setState(state: FollowState): void {
    if (JSON.stringify(state) === JSON.stringify(this.currentState)) return;
    if (state.kind === 'reconnecting' && this.currentState.kind === 'reconnecting') {
      this.currentState = state; // same outage, newer error: no news for the caller
      return;
    }
    this.currentState = state;
    this.options.onState?.(state);
  }

  private pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Waiting for another Temporal: retried like an outage, without claiming Temporal is down. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

/** A run its own Temporal does not know: never started (nothing was read of it), or gone since. */
function notFoundResult(entry: RunEntry, view: RunView): AgentRunResult {
  const message =
    view.lastSeq < 0
      ? `the run was never started on ${describeTemporal(entry.temporal)}: the process submitting it stopped first; send it again`
      : `the run no longer exists on ${describeTemporal(entry.temporal)} (was its database reset?)`;
  return {
    status: 'failed',
    text: '',
    messages: [],
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    usageByAttempt: [],
    attempts: 0,
    rounds: 0,
    error: {
      code: 'run-not-found',
      message,
    },
  };
}

function otherTemporalMessage(recorded: TemporalIdentity, current: TemporalIdentity): string {
  if (recorded.address !== current.address)
    return `waiting for its Temporal: ${describeTemporal(recorded)} (connected to ${describeTemporal(current)})`;
  return (
    `waiting for its Temporal: the server now at ${describeTemporal(current)} is not the one the run was ` +
    'submitted to (another server on that address, or a new database)'
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
