import { ActivityFailure, ApplicationFailure, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import type { HandedOverAttempts } from '../common/activity-types';
import type { AttemptHeartbeat } from '../common/attempt-history';
import { FailureType } from '../common/names';
import type { AttemptUsage, RunConfig } from '../common/types';

/** Failures another model cannot fix: the run asked for a tool the worker lacks. */
const NOT_THE_MODEL: readonly string[] = [FailureType.unknownTool];

/**
 * The run's models in order, `[primary, ...fallbacks]` (`config.models`): a model call that fails for good
 * on one — after its retries, or at once on 401 / 404 / model not found — is handed to the next, as the
 * next attempt of the same round (the failed attempts and their usage carried over). Later rounds keep
 * the model that answered.
 */
export class ModelFallback {
  private readonly models: readonly string[];

  /** `index`: which of the models the run is on (a run that continued as new goes on with it). */
  constructor(
    config: RunConfig,
    public index = 0,
  ) {
    this.models = config.models ?? [];
  }

  /** The model of the next call, when the run names several (absent: the run's `config.model`). */
  get callFields(): { readonly model?: string } {
    const model = this.models[this.index];
    return this.models.length > 1 && model !== undefined ? { model } : {};
  }

  /** Whether a failure of the current model can go to another one. */
  canFallBack(caught: unknown): boolean {
    if (this.index + 1 >= this.models.length || isCancellation(caught)) return false;
    if (!(caught instanceof ActivityFailure) || caught.activityType !== 'invokeModelStreaming') return false;
    const { cause } = caught;
    return !(cause instanceof ApplicationFailure && NOT_THE_MODEL.includes(cause.type ?? ''));
  }

  /** Moves to the next model; the attempts to hand over to it, with why the last model was left. */
  fallBack(caught: ActivityFailure, reason: string, attemptsBefore: number): HandedOverAttempts {
    const from = this.models[this.index];
    this.index++;
    const to = this.models[this.index];
    const { attempt, failed } = attemptsOf(caught.cause, attemptsBefore);
    return { count: attempt, failed, reason: `model "${from}" failed: ${reason} — trying "${to}"` };
  }
}

/** The attempts of the round a model call that failed for good made (all models): their usage counts. */
export function failedAttemptsOf(caught: unknown): AttemptUsage[] {
  if (!(caught instanceof ActivityFailure) || caught.activityType !== 'invokeModelStreaming') return [];
  return attemptsOf(caught.cause, 0).failed;
}

/** The failed call's attempts: from the failure's details, or the last heartbeat of an attempt that timed out. */
export function attemptsOf(
  cause: unknown,
  attemptsBefore: number,
): { attempt: number; failed: AttemptUsage[] } {
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0] as { attempt?: number; failed?: AttemptUsage[] } | undefined;
    if (typeof details?.attempt === 'number')
      return { attempt: details.attempt, failed: details.failed ?? [] };
  }
  if (cause instanceof TimeoutFailure) {
    const heartbeat = cause.lastHeartbeatDetails as AttemptHeartbeat | undefined;
    if (heartbeat?.current) {
      const { attempt, usage, model } = heartbeat.current;
      const lost: AttemptUsage = {
        round: heartbeat.round,
        attempt,
        outcome: 'failed',
        ...(model === undefined ? {} : { model }),
        ...usage,
      };
      return { attempt, failed: [...heartbeat.failed, lost] };
    }
  }
  return { attempt: attemptsBefore + 1, failed: [] };
}
