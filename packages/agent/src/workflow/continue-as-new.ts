import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import { buildControlEvent as controlEvent } from '../common/event-builders';
import type { ControlEventOf } from '../common/events';
import {
  CONTINUE_AS_NEW_HISTORY_BYTES,
  CONTINUE_AS_NEW_HISTORY_EVENTS,
  CONTINUE_AS_NEW_PATCH,
  CONTINUED_AS_NEW_EVENT_PATCH,
} from '../common/names';
import type { RunContinuation } from '../common/run-continuation';
import type { AgentRunInput, AgentRunOutput } from '../common/types';
import type { ActiveRun } from './active-run';

/** Temporal refuses inputs over 2 MB: a run whose state has grown past this goes on in the same Temporal run. */
const MAX_CONTINUATION_CHARACTERS = 1_500_000;

/**
 * Between two model rounds, a run whose history has grown long (Temporal suggests it, or past the events
 * of `config.continueAsNewAfterEvents` or `CONTINUE_AS_NEW_HISTORY_BYTES`) continues as new: the next
 * Temporal run of the same workflow id gets the same input and where this one stood (`RunContinuation`),
 * so no history comes near Temporal's limits however many rounds a run has. Pollers are detached and
 * handlers in flight finish first (a steer that arrived joins the run's messages; a Stop ends the run here).
 * The event log goes on in the next Temporal run at the offset this one ended, after a `continued-as-new`
 * event; readers follow the chain.
 *
 * Synchronous until it decides to continue (runs that do not issue the commands they always had).
 */
export function continueWhenLong(run: ActiveRun, nextRound: number): Promise<void> | undefined {
  if (!run.leanHistory || run.stopRequested) return;
  const reason = whyHistoryIsLong(run.config.continueAsNewAfterEvents);
  if (!reason || !patched(CONTINUE_AS_NEW_PATCH)) return;
  return continueRun(run, nextRound, reason);
}

type ContinueReason = ControlEventOf<'continued-as-new'>['value']['reason'];

function whyHistoryIsLong(afterEvents = CONTINUE_AS_NEW_HISTORY_EVENTS): ContinueReason | undefined {
  const { continueAsNewSuggested, historyLength, historySize } = workflowInfo();
  if (continueAsNewSuggested) return 'temporal-suggested';
  if (historyLength >= afterEvents) return 'history-events';
  if (historySize >= CONTINUE_AS_NEW_HISTORY_BYTES) return 'history-bytes';
  return undefined;
}

async function continueRun(run: ActiveRun, nextRound: number, reason: ContinueReason): Promise<void> {
  const continued = (): AgentRunInput => ({ ...run.input, continued: continuationOf(run, nextRound) });
  if (JSON.stringify(continued()).length > MAX_CONTINUATION_CHARACTERS) return;
  run.stream.detachPollers();
  await condition(allHandlersFinished);
  // A Stop that came while the handlers finished: the run ends in this Temporal run.
  if (run.stopRequested) return;
  // Steers that arrived are published and join the run's messages here, as at the next round's start: none
  // is left half-published between two Temporal runs.
  for (const text of run.steers.take()) run.ledger.recordSteer(text);
  // Readers see where the chain goes on: the last event of this Temporal run (runs before the patch: none).
  if (patched(CONTINUED_AS_NEW_EVENT_PATCH)) {
    const { historyLength, historySize } = workflowInfo();
    run.events.publish(
      controlEvent(run.context, 'continued-as-new', {
        temporalRun: (run.input.continued?.continuations ?? 0) + 2,
        historyEvents: historyLength,
        historyBytes: historySize,
        reason,
      }),
    );
  }
  await continueAsNew<(input: AgentRunInput) => Promise<AgentRunOutput>>(continued());
}

function continuationOf(run: ActiveRun, nextRound: number): RunContinuation {
  const { compaction, runTools, meter } = run;
  return {
    round: nextRound,
    continuations: (run.input.continued?.continuations ?? 0) + 1,
    stream: withoutLog(run.stream.getState()),
    ledger: run.ledger.state(),
    ...(meter ? { spend: meter.state() } : {}),
    budgetQuestions: run.budget.questions,
    steers: run.steers.state(),
    decidedApprovals: run.approvals.decisions(),
    newlyAllowed: [...run.newlyAllowed],
    modelIndex: run.models.index,
    outputCorrections: [...run.outputCheck.corrections],
    ...(compaction.summary ? { compactedSummary: compaction.summary } : {}),
    ...(runTools ? { runTools: { tools: runTools.list, agents: runTools.agents } } : {}),
    subAgents: { summaries: [...run.subAgents.summaries], counts: [...run.subAgents.counts] },
  };
}

/** The stream's state without its items (they stay in this Temporal run's history): offsets go on from its end. */
function withoutLog(state: ReturnType<ActiveRun['stream']['getState']>) {
  return { ...state, log: [], base_offset: state.base_offset + state.log.length };
}
