import { AgentError } from '../common/errors';
import type { FollowedRun } from './followed-run';
import {
  type FollowedRunKey,
  RunFollower,
  type RunFollowerOptions,
  type StartFollowing,
} from './run-follower';

/** What a `RunFollowers` asks of its caller. */
export interface RunFollowersOptions {
  /**
   * Whether a run not followed here is one the caller knows (it has ended): acting on it then fails with
   * `run-ended`, and on a run it does not know with `run-not-found`. Default: none is known.
   */
  readonly isKnown?: (runId: string) => boolean;
}

/**
 * The runs a process follows, by run id — the desktop app's answers being written, or a server's runs: each
 * is followed until its ending (then forgotten), acted on by id with clear errors, and stopped all at once
 * when the process closes or switches Temporal (the runs go on; follow them again).
 */
export class RunFollowers<Context = undefined> {
  private readonly followers = new Map<string, RunFollower<Context>>();

  constructor(private readonly options: RunFollowersOptions = {}) {}

  /**
   * Follows a run (`start` submits it or follows a recorded one) under `key.runId`, with the caller's
   * `context`; forgotten once following ends, stops or fails to begin. A run followed here already is
   * refused (`invalid-input`): two followers would write its ending twice.
   */
  follow(
    key: FollowedRunKey,
    start: StartFollowing,
    options?: RunFollowerOptions,
    context?: Context,
  ): RunFollower<Context> {
    if (this.followers.has(key.runId))
      throw new AgentError('invalid-input', `run "${key.runId}" is already followed here`);
    const follower = new RunFollower(key, start, options, context);
    this.followers.set(key.runId, follower);
    const forget = () => {
      if (this.followers.get(key.runId) === follower) this.followers.delete(key.runId);
    };
    follower.started.catch(forget);
    void follower.done.finally(forget).catch(() => undefined);
    return follower;
  }

  /** The follower of a run followed here now. */
  get(runId: string): RunFollower<Context> | undefined {
    return this.followers.get(runId);
  }

  /** Whether the run is followed here now. */
  has(runId: string): boolean {
    return this.followers.has(runId);
  }

  /**
   * Acts on a run followed here (cancel, approve, steer). Fails with `run-not-found` or `run-ended` when it
   * is not followed here, `temporal-unreachable` while Temporal cannot be reached, and with the run's own
   * refusal (`invalid-input`: no such approval, a steer after its last round…).
   */
  async act(runId: string, action: (run: FollowedRun) => Promise<void>): Promise<void> {
    const follower = this.followers.get(runId);
    if (!follower) throw this.notFollowed(runId);
    await follower.act(action);
  }

  /** Stops a run followed here; one that has ended is left alone (`run-not-found` for one never known). */
  async cancel(runId: string): Promise<void> {
    const follower = this.followers.get(runId);
    if (follower) return follower.act((run) => run.cancel());
    if (!this.options.isKnown?.(runId)) throw this.notFollowed(runId);
  }

  /** Cancels the conversation's runs and stops following them (the conversation is being deleted). */
  async forgetConversation(conversationId: string): Promise<void> {
    for (const follower of [...this.followers.values()]) {
      if (follower.conversationId !== conversationId) continue;
      await follower.act((run) => run.cancel()).catch(() => undefined);
      await follower.stop();
      this.followers.delete(follower.runId);
    }
  }

  /** Stops following every run (the process closes, or Temporal was switched); the runs go on. */
  async stopAll(): Promise<void> {
    const followers = [...this.followers.values()];
    this.followers.clear();
    await Promise.all(followers.map((follower) => follower.stop()));
  }

  /** Resolves when every run followed now has ended, stopped or failed to begin. */
  async idle(): Promise<void> {
    await Promise.all([...this.followers.values()].map((follower) => follower.done.catch(() => undefined)));
  }

  private notFollowed(runId: string): AgentError {
    return this.options.isKnown?.(runId)
      ? new AgentError('run-ended', `run "${runId}" has ended`)
      : new AgentError('run-not-found', `no run "${runId}"`);
  }
}
