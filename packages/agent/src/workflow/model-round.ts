import { type ActivityFailure, patched } from '@temporalio/workflow';
import type { InvokeModelStreamingInput, InvokeModelStreamingOutput } from '../common/activity-types';
import {
  FailureType,
  MODEL_FALLBACK_PATCH,
  STRUCTURED_OUTPUT_PATCH,
  UNSTARTED_ATTEMPTS_PATCH,
} from '../common/names';
import type { ActiveRun } from './active-run';
import { compactedAttempts } from './compaction';
import { describeFailure, MODEL_MAX_ATTEMPTS } from './run-output';
import { RunTools } from './run-tools';
import { attemptsHandedOut, unstartedAttemptsAgain } from './unstarted-attempts';

/** Where the run goes after a round: on to the next round, the same round again, or to its end. */
export type RoundStep = 'next' | 'again' | 'end';

/*
 * The steps of one model round, for `agentRun`'s loop. Those it calls without `await` must stay
 * synchronous: events they publish are recorded with the loop's next command in the same step (see
 * `agentRun`), and recorded runs replay only in that order.
 */

/** The run has had as many model rounds as it may: it ends with the `max-iterations` error. */
export function overMaxIterations(run: ActiveRun, round: number): boolean {
  const { maxIterations } = run.config;
  if (round <= maxIterations) return false;
  run.error = {
    code: 'max-iterations',
    message: `the run stopped after ${maxIterations} model rounds (maxIterations)`,
  };
  return true;
}

/** What one model call asks: the round's messages (or where to read them) and what the run allows. */
export function modelCallInput(run: ActiveRun, round: number, messageId: string): InvokeModelStreamingInput {
  const { input, ledger, handedOver } = run;
  return {
    ...run.context,
    agentName: input.agentName,
    round,
    messageId,
    ...(run.leanHistory
      ? {
          ...run.compaction.callFields(ledger.messages),
          lastEventsInResult: true,
          handOverOnShutdown: true,
          ...(run.textByReference ? { textByReference: true } : {}),
          ...(handedOver ? { handedOverAttempts: handedOver } : {}),
        }
      : { messages: [...input.messages, ...ledger.messages] }),
    config: run.config,
    ...run.models.callFields,
    ...run.outputCheck.callFields,
    runTools: run.runTools?.list,
    ...(run.toolsFromFirstCall && !run.runTools ? { listRunTools: true } : {}),
  };
}

/** The model call failed: the wall time ran out, the input was too long, or the model failed for good. */
export async function afterModelFailure(run: ActiveRun, round: number, caught: unknown): Promise<RoundStep> {
  const { models } = run;
  if (run.wallTime.expired && !run.stopRequested) {
    // The wall time ran out during the call: `ask` may allow more (the round again), else it ends.
    return (await run.budget.allows('model-round')) ? 'again' : 'end';
  }
  const model = models.callFields.model;
  if (
    !run.stopRequested &&
    (await run.compaction.afterRefusal(caught, round, run.ledger.messages, model, run.stopScope))
  ) {
    // Older turns were compacted: the same round again, as the next attempt.
    run.handedOver = compactedAttempts(caught, run.attemptsBefore);
    run.attemptsBefore = run.handedOver.count;
    return 'again';
  }
  const unstarted = run.leanHistory && !run.stopRequested ? unstartedAttemptsAgain(run, caught) : undefined;
  if (unstarted && patched(UNSTARTED_ATTEMPTS_PATCH)) {
    // Attempts went to a worker that never started them: the call again, with the attempts it has left.
    run.handedOver = unstarted;
    return 'again';
  }
  if (run.stopRequested || !models.canFallBack(caught) || !patched(MODEL_FALLBACK_PATCH)) throw caught;
  // The model failed for good: the same round on the next model, as the next attempt.
  run.handedOver = models.fallBack(
    caught as ActivityFailure,
    describeFailure(caught, attemptsHandedOut(run, caught)).message,
    run.attemptsBefore,
  );
  run.attemptsBefore = run.handedOver.count;
  return 'again';
}

/**
 * The call returned: a worker handing it back, or an answer the structured output check rejects, means the
 * same round again; undefined when the round is recorded and the run goes on with its answer.
 */
export function afterModelCall(
  run: ActiveRun,
  round: number,
  output: InvokeModelStreamingOutput,
  messageId: string,
): RoundStep | undefined {
  if (output.listedTools) run.runTools ??= RunTools.of(output.listedTools);
  if (output.handedOver) {
    // The worker shut down during the call: the same round again at once, on another worker.
    if (output.attempt - run.attemptsBefore >= MODEL_MAX_ATTEMPTS) {
      run.error = {
        code: FailureType.workerShutdown,
        message: `gave up after ${MODEL_MAX_ATTEMPTS} attempts — the worker shut down during the model call`,
      };
      return 'end';
    }
    run.handedOver = { count: output.attempt, failed: output.failedAttempts, reason: 'the worker shut down' };
    return 'again';
  }
  run.handedOver = undefined;
  if (output.outputErrors && !output.interrupted && patched(STRUCTURED_OUTPUT_PATCH)) {
    const rejected = run.outputCheck.reject(round, output, output.outputErrors);
    if ('handedOver' in rejected) {
      // The same round again, as the next attempt: clients replace the rejected answer with it.
      run.handedOver = rejected.handedOver;
      run.attemptsBefore = run.handedOver.count;
      return 'again';
    }
    run.ledger.recordRound(round, output, messageId);
    run.error = rejected.error;
    return 'end';
  }
  run.attemptsBefore = 0;
  run.ledger.recordRound(round, output, messageId);
  return undefined;
}
