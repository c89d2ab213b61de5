import { ContinueAsNew, isCancellation } from '@temporalio/workflow';
import type { InvokeModelStreamingOutput, LiveTextReservation } from '../common/activity-types';
import { runEventBuilders as runEvents, toolEventBuilders as toolEvents } from '../common/event-builders';
import type { AgentRunInput, AgentRunOutput } from '../common/types';
import { openRun } from './active-run';
import { continueWhenLong } from './continue-as-new';
import { announceCall, reserveLiveAddress } from './live-reservation';
import { withTextFromLog } from './long-texts';
import { failedAttemptsOf } from './model-fallback';
import { afterModelCall, afterModelFailure, modelCallInput, overMaxIterations } from './model-round';
import { endRun } from './run-ending';
import { hasStartFeature, startsCallsItself } from './run-format';
import { describeFailure } from './run-output';
import { RunTools, TOOLS_FROM_FIRST_CALL_PATCH } from './run-tools';
import { resolveToolCall } from './tool-call-resolution';
import { attemptsHandedOut } from './unstarted-attempts';

/**
 * One agent run (one turn): model rounds and tool calls until the model answers without tools.
 *
 * Replay-sensitive beyond its commands: events published in one synchronous step are recorded as one memo
 * upsert after it (see RunEventLog), so every `await` here is one runs have always had, and the helpers
 * this loop calls without `await` stay synchronous — an added `await` after a publish would record the
 * events before the next command instead of after it, and old runs would no longer replay.
 */
export async function agentRun(input: AgentRunInput): Promise<AgentRunOutput> {
  const run = openRun(input);
  const { budget, events, ledger } = run;
  // The first call's live address is reserved before the run's first events: they and the call's start
  // are then recorded together, in one memo upsert (see `reserveLiveAddress`).
  let firstReservation =
    startsCallsItself(input) && !input.continued ? await reserveLiveAddress() : undefined;
  // A run that continued as new started in its first Temporal run.
  if (!input.continued) {
    events.publish(runEvents.started(run.context));
    budget.report();
  }
  try {
    run.toolsFromFirstCall = hasStartFeature(input, TOOLS_FROM_FIRST_CALL_PATCH);
    if (!run.toolsFromFirstCall) run.runTools = await run.stopScope.run(() => RunTools.load(input));
    for (let round = input.continued?.round ?? 1; !run.stopRequested; round++) {
      if (overMaxIterations(run, round)) break;
      if (budget.reached('model-round') && !(await budget.allows('model-round'))) break;
      for (const text of run.steers.take()) ledger.recordSteer(text);
      if (run.leanHistory && run.compaction.outgrows(ledger.messages))
        await run.compaction.fit(ledger.messages, run.models.callFields.model, run.stopScope);
      const messageId = `${input.runId}-${round}`;
      // Only format-3 runs may wait here: in older ones this step schedules the call with no `await` before it.
      let reservation: LiveTextReservation | null = null;
      if (startsCallsItself(input) && !run.handedOver)
        reservation = firstReservation === undefined ? await reserveLiveAddress() : firstReservation;
      firstReservation = undefined;
      const reserved = announceCall(run, reservation, messageId);
      let output: InvokeModelStreamingOutput;
      try {
        const call = () => {
          const callInput = modelCallInput(run, round, messageId);
          return run.invokeModel(reserved ? { ...callInput, liveReservation: reserved.address } : callInput);
        };
        output = await run.stopScope.run(() => run.wallTime.run(call));
        for (const event of output.lastEvents ?? []) events.publish(event);
        output = withTextFromLog(output, events, messageId);
      } catch (caught) {
        const step = await afterModelFailure(run, round, caught);
        if (step === 'end') break;
        if (step === 'again') round--;
        continue;
      }
      const step = afterModelCall(run, round, output, messageId);
      if (step === 'end') break;
      if (step === 'again') {
        round--;
        continue;
      }
      run.meter?.recordRound(output, output.model ?? run.config.model);
      budget.report();
      if (run.wallTime.expired && !run.stopRequested) {
        // The wall time ran out during the call (its partial text kept): it ends, or `ask` allows more.
        if (!(await budget.allows('model-round'))) break;
        if (output.interrupted) continue;
      }
      if (output.interrupted) break;
      if (output.toolCalls.length === 0) {
        // A steer that arrived while the model wrote its answer: one more round reads it.
        if (run.steers.waiting) continue;
        run.steers.close('the run has answered');
        run.answered = true;
        break;
      }
      for (const call of output.toolCalls.filter((each) => !each.clientSide)) {
        const content = await resolveToolCall(run, call);
        events.publish(toolEvents.result(run.context, messageId, call.id, content));
        ledger.recordToolResult(call, content);
      }
      // Calls of client-side tools end the run: the client runs them and sends the results in the next run.
      if (output.toolCalls.some((each) => each.clientSide)) {
        run.answered = true;
        break;
      }
      const continuing = continueWhenLong(run, round + 1);
      if (continuing) await continuing;
    }
  } catch (caught) {
    if (caught instanceof ContinueAsNew) throw caught;
    if (!(run.stopRequested && isCancellation(caught))) {
      run.error = describeFailure(caught, attemptsHandedOut(run, caught));
      ledger.recordFailedAttempts(failedAttemptsOf(caught));
    }
  }
  return endRun(run);
}
