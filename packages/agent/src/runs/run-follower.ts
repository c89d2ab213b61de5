import type { AgentEvent } from '../common/events';
import { EventBatches } from './event-batches';
import { type FollowNotice, followNoticeOf, undefinedWhenStopped, unreachable } from './follow-notice';
import type { FollowOptions, FollowState } from './follow-options';
import type { FollowedRun } from './followed-run';
import type { RunEnding } from './run-journal';
import { EMPTY_RUN_VIEW, type RunMilestone, type RunView } from './run-view';

/** Begins following: submits a new run (`agent.submit`) or follows a recorded one (`followWithAgent`). */
export type StartFollowing = (options: FollowOptions) => Promise<FollowedRun> | FollowedRun;

/** Which run a `RunFollower` follows: the caller's run id (the last part of its workflow id) and its conversation. */
export interface FollowedRunKey {
  readonly runId: string;
  readonly conversationId: string;
}

/** `FollowOptions`, plus what a display of many runs wants: events in batches, and a notice when not live. */
export interface RunFollowerOptions extends FollowOptions {
  /**
   * The run's events in batches, at most one per `eventBatchMs` (default 30 ms): a display redraws once per
   * batch, not per token. The last batch comes before `done` resolves and before `stop()` returns.
   */
  readonly onEvents?: (events: readonly AgentEvent[]) => void;
  readonly eventBatchMs?: number;
  /** Each milestone the run reaches (a line of its timeline), with the view it is in. */
  readonly onMilestone?: (milestone: RunMilestone, view: RunView) => void;
  /** Once per event that reached a milestone or changed the run's phase: what a list of runs shows changed. */
  readonly onChange?: (view: RunView) => void;
  /** The run ended and the journal has its ending (after the last batch, before `done` resolves). */
  readonly onEnded?: (ending: RunEnding) => void;
  /** Why following is not live changed (`followNoticeOf`); undefined once it is live again. */
  readonly onNotice?: (notice: FollowNotice | undefined) => void;
}

/**
 * One run followed for a display: started by `start` (which may fail: a refused submission), acted on
 * (cancel, approve, steer) once following began, stopped without ending the run. It keeps the run's view
 * and notice, hands events on in batches, and tells nothing more once stopped; `context` is the caller's.
 */
export class RunFollower<Context = undefined> {
  private followed: FollowedRun | undefined;
  private currentView: RunView;
  private currentNotice: FollowNotice | undefined;
  private stopped = false;
  private readonly batches: EventBatches;
  /** Resolves once following began; rejects with `start`'s error when it failed (nothing is followed then). */
  readonly started: Promise<void>;
  /**
   * Resolves with the ending once the journal has it; undefined when following stopped first or never
   * began. Rejects only when following failed (the journal's `finish` threw).
   */
  readonly done: Promise<RunEnding | undefined>;

  constructor(
    readonly key: FollowedRunKey,
    start: StartFollowing,
    private readonly options: RunFollowerOptions = {},
    /** What the caller keeps with the run (the desktop app: the answer being written). */
    readonly context?: Context,
  ) {
    this.currentView = options.from ?? EMPTY_RUN_VIEW;
    this.batches = new EventBatches((events) => options.onEvents?.(events), options.eventBatchMs);
    const following = this.begin(start);
    this.started = following.then(() => undefined);
    this.started.catch(() => undefined); // a caller that does not wait for it is told by `done`
    this.done = following.then(
      (followed) => this.end(followed),
      () => undefined,
    );
    this.done.catch(() => undefined);
  }

  get runId(): string {
    return this.key.runId;
  }

  get conversationId(): string {
    return this.key.conversationId;
  }

  get view(): RunView {
    return this.currentView;
  }

  /** Why following is not live now (reconnecting, another Temporal, a lost worker); undefined while it is. */
  get notice(): FollowNotice | undefined {
    return this.currentNotice;
  }

  /** True until following ended, stopped or failed to begin. */
  get active(): boolean {
    return !this.stopped;
  }

  /** Acts on the run through Temporal (cancel, approve, steer); before following began, Temporal is unreachable. */
  async act(action: (run: FollowedRun) => Promise<void>): Promise<void> {
    if (!this.followed) throw unreachable();
    await action(this.followed);
  }

  /** Stops following without ending the run: progress is saved, the run goes on (follow it again later). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.batches.flush();
    await this.followed?.stop();
  }

  private async begin(start: StartFollowing): Promise<FollowedRun> {
    const { onEvents, eventBatchMs, onMilestone, onChange, onNotice, onEnded, ...follow } = this.options;
    const { onEvent, onState, onSubAgentMilestone } = follow;
    try {
      this.followed = await start({
        ...follow,
        onEvent: (event, view) => {
          const before = this.currentView;
          this.currentView = view;
          this.batches.add(event);
          onEvent?.(event, view);
          this.changed(before, view);
        },
        onState: (state) => this.stateChanged(state, onState),
        ...(onSubAgentMilestone
          ? { onSubAgentMilestone: (milestone) => this.stopped || onSubAgentMilestone(milestone) }
          : {}),
      });
    } catch (error) {
      this.stopped = true;
      throw error;
    }
    return this.followed;
  }

  private async end(followed: FollowedRun): Promise<RunEnding | undefined> {
    if (this.stopped) {
      await followed.stop(); // stopped while it began
      return undefined;
    }
    let ending: RunEnding | undefined;
    try {
      ending = await followed.done.catch(undefinedWhenStopped);
    } finally {
      this.batches.flush();
      this.stopped = true;
    }
    if (ending) this.options.onEnded?.(ending);
    return ending;
  }

  private changed(before: RunView, view: RunView): void {
    const { onMilestone, onChange } = this.options;
    for (const milestone of view.milestones.slice(before.milestones.length)) onMilestone?.(milestone, view);
    if (view.milestones.length !== before.milestones.length || view.phase !== before.phase) onChange?.(view);
  }

  private stateChanged(state: FollowState, onState: FollowOptions['onState']): void {
    onState?.(state);
    const notice = followNoticeOf(state);
    if (JSON.stringify(notice) === JSON.stringify(this.currentNotice)) return;
    this.currentNotice = notice;
    this.options.onNotice?.(notice);
  }
}
