import { ApplicationFailure, allHandlersFinished, condition } from '@temporalio/workflow';
import { runEventBuilders as runEvents } from '../common/event-builders';
import { FailureType } from '../common/names';
import type { AgentRunOutput } from '../common/types';
import type { ActiveRun } from './active-run';
import { leaveOutLongTexts } from './long-texts';
import { summarize, withReplayLog } from './run-output';
import { withSubAgents } from './sub-agent-runs';

/** Ends the run: its status and result, the last event, and the output (thrown as a failure on an error). */
export async function endRun(run: ActiveRun): Promise<AgentRunOutput> {
  const { error, ledger, meter, budget, events, context } = run;
  run.steers.close('the run has ended');
  const status = error
    ? 'failed'
    : run.stopRequested && !run.answered
      ? 'cancelled'
      : budget.exhausted
        ? 'budget-exhausted'
        : 'completed';
  const whole = run.outputCheck.withOutput(
    withSubAgents(
      {
        ...ledger.result(status, error),
        ...(meter ? { spend: meter.spend() } : {}),
        ...(budget.exhausted ? { budget: budget.exhausted } : {}),
        ...(run.newlyAllowed.length > 0 ? { alwaysAllowedTools: run.newlyAllowed } : {}),
      },
      run.subAgents.summaries,
    ),
  );
  // A long answer is held once, by the run's events (a sub-agent's goes whole to its parent).
  const result = run.input.depth ? whole : leaveOutLongTexts(whole, ledger.textsInEvents);
  events.publish(
    error
      ? runEvents.error(context, error.message, error.code)
      : runEvents.finished(context, summarize(result)),
  );

  // Let readers that are waiting collect the last events before the run closes.
  run.stream.detachPollers();
  await condition(allHandlersFinished);
  // A run whose events are in its history need not repeat them in its result.
  const output = run.leanHistory
    ? { result, log: [], logBaseOffset: events.length }
    : withReplayLog(result, run.stream.getState());
  if (error) throw ApplicationFailure.nonRetryable(error.message, FailureType.runFailed, output);
  return output;
}
