import { WorkflowNotFoundError } from '@temporalio/client';
import { messageOf } from '../common/error-message';
import { AgentError } from '../common/errors';
import type { AgentRunResult, ApprovalDecision } from '../common/types';
import { applyRunEvent } from './apply-run-event';
import { notSubmittedResult, runNotFoundResult } from './empty-result';
import { followingStopped, RetryLater, unreachable } from './follow-notice';
import type { FollowableRun, FollowOptions, FollowState, RunSource } from './follow-options';
import { LostWorkerWatch } from './lost-worker-watch';
import { ProgressWriter } from './progress-writer';
import { isRefusal, isTransient, retryDelay } from './retry-policy';
import type { RunEnding, RunEntry, RunJournal } from './run-journal';
import { EMPTY_RUN_VIEW, type RunView } from './run-view';
import { notFoundMessage, otherTemporalMessage } from './run-whereabouts';
import { sameTemporal, type TemporalIdentity } from './temporal-identity';
import { type SubAgentStart, subAgentStarted, watchSubAgent } from './watch-sub-agent';

export { type FollowNotice, followNoticeOf, undefinedWhenStopped } from './follow-notice';
export type { FollowableRun, FollowOptions, FollowState, RunSource } from './follow-options';

/**
 * Follows one run until Temporal gives its final word — its result, failure, timeout, or "not found" on
 * the Temporal recorded with it — through lost connections and Temporal restarts, and hands every change
 * and the ending to the caller's journal. It never decides a run's fate because Temporal was unreachable.
 */
export class FollowedRun {
  private currentEntry: RunEntry | UnplacedRunEntry;
  private currentView: RunView;
  private currentState: FollowState = { kind: 'live' };
  private run: FollowableRun | undefined;
  /** Starts the run while its start is not settled (Temporal did not answer the first start). */
  private starter: (() => Promise<FollowableRun>) | undefined;
  /** When this process started the run itself: Temporal's "not found" soon after is not final. */
  private startedAt: number | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly progress: ProgressWriter;
  /** The sub-agents read for `onSubAgentMilestone`; `stop()` ends their reading. */
  private readonly subAgents: Promise<void>[] = [];
  private readonly stopping = new AbortController();
  /**
   * Resolves with the ending once the journal has it. Rejects with an `AgentError` whose code is
   * `following-stopped` when `stop()` came first (the run goes on: follow it again later), and otherwise
   * only when the journal's `finish` fails or the entry cannot name a run (an invalid id).
   */
  readonly done: Promise<RunEnding>;

  constructor(
    /** The run as recorded; one recorded before any Temporal answered takes the first that does. */
    entry: RunEntry | UnplacedRunEntry,
    private readonly journal: RunJournal,
    private readonly source: RunSource,
    private readonly options: FollowOptions = {},
    /** The run, when the caller already has it; otherwise how to start it (idempotently), if not yet started. */
    begin?: { run: FollowableRun } | { start: () => Promise<FollowableRun> },
  ) {
    this.currentEntry = entry;
    this.currentView = options.from ?? EMPTY_RUN_VIEW;
    this.progress = new ProgressWriter(journal, () => this.placed, options.progressIntervalMs ?? 250);
    if (begin && 'run' in begin) this.run = begin.run;
    if (begin && 'start' in begin) this.starter = begin.start;
    this.done = this.follow();
    this.done.catch(() => undefined); // not an unhandled rejection when the caller does not wait for it
  }

  get id(): string {
    return this.currentEntry.id;
  }

  /**
   * The run as recorded, with the Temporal it lives on. The journal hears of a run only with it; a run
   * followed before any Temporal answered (`followWithAgent`) has none yet, and this throws until one does.
   */
  get entry(): RunEntry {
    return this.placed;
  }

  private get placed(): RunEntry {
    const { temporal } = this.currentEntry;
    if (!temporal) throw new AgentError('invalid-input', `run ${this.id} has no Temporal yet`);
    return { ...this.currentEntry, temporal };
  }

  get view(): RunView {
    return this.currentView;
  }

  get state(): FollowState {
    return this.currentState;
  }

  /** Stops the run: the model request is aborted, the partial text kept, the run ends as cancelled. */
  async cancel(): Promise<void> {
    await this.onTemporal((run) => run.cancel());
  }

  /** Answers a pending approval (see `AgentRun.approve`). */
  async approve(toolCallId: string, decision: ApprovalDecision): Promise<void> {
    await this.onTemporal((run) => run.approve(toolCallId, decision));
  }

  /** Sends a message into the running run (see `AgentRun.steer`). */
  async steer(text: string): Promise<void> {
    await this.onTemporal(async (run) => {
      await run.steer(text);
    });
  }

  /** Stops following (the caller is closing): progress is saved, the run goes on; follow it again later. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    this.wake?.();
    await this.progress.writeNow(this.currentView);
    this.setState({ kind: 'stopped' });
  }

  /** Acts on the run through Temporal; while Temporal cannot be reached, says so (`temporal-unreachable`). */
  private async onTemporal(action: (run: FollowableRun) => Promise<void>): Promise<void> {
    const state = this.currentState;
    if (state.kind === 'other-temporal') throw new AgentError('temporal-unreachable', state.message);
    if (state.kind === 'reconnecting' || (!this.run && this.starter)) throw unreachable();
    try {
      // A run followed again (after a restart) may be acted on before its events are read: attach for it.
      await action(this.run ?? (await this.source.attach(this.id)));
    } catch (error) {
      throw isRefusal(error) ? error : unreachable(error);
    }
  }

  private async follow(): Promise<RunEnding> {
    let outcome: Outcome | undefined;
    for (let failures = 1; !this.stopped; failures++) {
      try {
        outcome = await this.followOnce();
        break;
      } catch (error) {
        if (this.starter && isRefusal(error)) {
          outcome = { result: notSubmittedResult(error), messages: [] }; // Temporal refused to start it: that is its word
          break;
        }
        if (!isTransient(error)) throw error;
        if (error instanceof WorkflowNotFoundError) this.run = undefined; // attach again: is it gone for good?
        if (this.currentState.kind === 'live') failures = 1; // a new outage: quick retries first
        if (!(error instanceof RetryLater)) {
          const since =
            this.currentState.kind === 'reconnecting' ? this.currentState.since : new Date().toISOString();
          this.setState({ kind: 'reconnecting', since, error: messageOf(error) });
        }
        await this.pause(retryDelay(failures));
      }
    }
    if (this.stopped || !outcome) throw followingStopped(this.id);
    const ending: RunEnding = { view: this.currentView, ...outcome };
    await Promise.all(this.subAgents); // the sub-agents ended before their parent: their logs are read to the end
    await this.progress.settle();
    await this.journal.finish(this.placed, ending);
    this.setState({ kind: 'finished' });
    return ending;
  }

  /** Reads the run to its end once; throws when Temporal cannot be reached (the caller retries). */
  private async followOnce(): Promise<Outcome | undefined> {
    if (!this.run) {
      const obtained = await this.obtainRun();
      if (!('events' in obtained)) return { result: obtained, messages: [] };
      this.run = obtained;
    }
    await this.readEvents(this.run);
    if (this.stopped) return undefined;
    const result = await this.run.result();
    return { result, messages: await this.run.messagesAdded(result) };
  }

  /**
   * Attaches to the run (or starts it, for a new run whose start is not settled yet). "Not found" is final
   * only on the Temporal recorded with the run: elsewhere, the run waits for its own Temporal.
   */
  private async obtainRun(): Promise<FollowableRun | AgentRunResult> {
    if (this.starter) {
      const run = await this.starter();
      this.starter = undefined;
      this.startedAt = Date.now();
      this.setState({ kind: 'live' });
      return run;
    }
    try {
      const run = await this.source.attach(this.id);
      await this.place();
      this.setState({ kind: 'live' });
      return run;
    } catch (error) {
      if (!(error instanceof AgentError && error.code === 'run-not-found')) throw error;
      const current = await this.place();
      // A run this process started a moment ago can be reported missing by a read that reached the
      // server before the start did (seen once in a soak): ask again for a while before believing it.
      if (this.startedAt !== undefined && Date.now() - this.startedAt < START_SETTLE_MS)
        throw new RetryLater('Temporal does not show the run it just started yet');
      const { temporal } = this.placed;
      if (sameTemporal(temporal, current))
        return runNotFoundResult(notFoundMessage(temporal, this.currentView.lastSeq >= 0));
      const message = otherTemporalMessage(temporal, current);
      this.setState({ kind: 'other-temporal', message });
      throw new RetryLater(message);
    }
  }

  /**
   * The Temporal that answers now; a run recorded before any answered is placed on it, and recorded again
   * with it (so "not found" there is final, as for any run).
   */
  private async place(): Promise<TemporalIdentity> {
    const current = await this.source.identity();
    if (this.currentEntry.temporal) return current;
    this.currentEntry = { ...this.currentEntry, temporal: current };
    await this.journal.record(this.placed);
    return current;
  }

  private async readEvents(run: FollowableRun): Promise<void> {
    const watch = new LostWorkerWatch(
      run,
      () => this.currentView,
      (state) => this.setState(state),
    );
    try {
      await this.readEventsWatched(run, watch);
    } finally {
      watch.stop();
    }
  }

  private async readEventsWatched(run: FollowableRun, watch: LostWorkerWatch): Promise<void> {
    for await (const event of run.events({ fromSeq: this.currentView.lastSeq + 1 })) {
      if (this.stopped) return;
      watch.eventArrived();
      this.setState({ kind: 'live' });
      const before = this.currentView;
      this.currentView = applyRunEvent(before, event);
      this.options.onEvent?.(event, this.currentView);
      for (const milestone of this.currentView.milestones.slice(before.milestones.length))
        this.watchSubAgent(run, subAgentStarted(this.currentView, milestone));
      if (!this.stopped)
        this.progress.update(
          this.currentView,
          this.currentView.milestones.length !== before.milestones.length,
        );
    }
  }

  /** Reads a sub-agent's own log for `onSubAgentMilestone`, until it ends or following stops. */
  private watchSubAgent(run: FollowableRun, child: SubAgentStart | undefined): void {
    const { onSubAgentMilestone, onSubAgentError } = this.options;
    if (!child || !onSubAgentMilestone || !run.subAgent) return;
    const delegating = { subAgent: run.subAgent.bind(run) };
    const signal = this.stopping.signal;
    const watching = watchSubAgent(delegating, child, onSubAgentMilestone, { signal });
    this.subAgents.push(
      watching.catch((error: unknown) => {
        if (!this.stopped) onSubAgentError?.(child.agentName, error);
      }),
    );
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

/** A recorded run whose Temporal is not known yet: none had answered when it was recorded. */
export type UnplacedRunEntry = Omit<RunEntry, 'temporal'> & { readonly temporal?: TemporalIdentity };

/** Temporal's word about a run: its result and what it adds to its conversation. */
type Outcome = Pick<RunEnding, 'result' | 'messages'>;

/** How long a run this process started may be reported missing before "not found" is believed. */
const START_SETTLE_MS = 30_000;
