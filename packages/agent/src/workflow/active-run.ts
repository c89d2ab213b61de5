import {
  ActivityCancellationType,
  type ActivityOptions,
  CancellationScope,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import type {
  AgentActivities,
  HandedOverAttempts,
  InvokeModelStreamingInput,
} from '../common/activity-types';
import type { PublishedEvent } from '../common/event-builders';
import { LEAN_HISTORY_PATCH, NON_RETRYABLE_FAILURES, TEXT_BY_REFERENCE_PATCH } from '../common/names';
import type { AgentRunInput, RunError } from '../common/types';
import { ApprovalDesk } from './approval-desk';
import { relayChildApprovals } from './approval-relay';
import { BudgetGate } from './budget-gate';
import { BudgetMeter } from './budget-meter';
import { ModelInputCompaction } from './compaction';
import { cancelRunSignal } from './definitions';
import { modelCallMessages } from './model-call-messages';
import { ModelFallback } from './model-fallback';
import { OutputCheck } from './output-check';
import { RunEventLog } from './run-event-log';
import { hasStartFeature } from './run-format';
import { RunLedger } from './run-ledger';
import { MODEL_MAX_ATTEMPTS, TOOL_MAX_ATTEMPTS } from './run-output';
import { RunTools } from './run-tools';
import { SteerInbox } from './steer-inbox';
import { SubAgentRuns } from './sub-agent-runs';
import { WallTimeWatch } from './wall-time-watch';

/** One running `agentRun`: the parts its rounds, tool calls and ending share, and where the loop stands. */
export type ActiveRun = ReturnType<typeof openRun>;

/**
 * Sets up one run: its event log, ledger, approvals, budget, steering, models, the Stop handler and the
 * activities. Replay-sensitive: the `patched()` checks and handlers come in the order runs have recorded.
 */
export function openRun(input: AgentRunInput) {
  const { continued } = input;
  // A run that continued as new goes on from where its last Temporal run stood (see `continueWhenLong`).
  const stream = new WorkflowStream(continued?.stream);
  // Runs started before this patch keep their events in the stream only (read by polling updates) and copy
  // the conversation into every model call.
  const leanHistory = hasStartFeature(input, LEAN_HISTORY_PATCH);
  const events = new RunEventLog(stream, leanHistory);
  const publish = (event: PublishedEvent) => events.publish(event);
  // Runs started before this patch copy every answer into their activity results and their own result.
  const textByReference = leanHistory && hasStartFeature(input, TEXT_BY_REFERENCE_PATCH);
  const context = { runId: input.runId, threadId: input.threadId };
  const approvals = new ApprovalDesk(continued?.decidedApprovals);
  const ledger = new RunLedger(continued?.ledger);
  const subAgents = new SubAgentRuns(input, publish);
  relayChildApprovals(input, approvals, publish);
  const { config } = input;
  const steers = new SteerInbox(context, publish, continued?.steers);
  const meter = config.budget ? new BudgetMeter(config.budget, continued?.spend) : undefined;
  const budget = new BudgetGate(meter, approvals, input, publish);
  budget.questions = continued?.budgetQuestions ?? 0;
  const newlyAllowed = [...(continued?.newlyAllowed ?? [])];
  const run = {
    input,
    config,
    context,
    stream,
    leanHistory,
    textByReference,
    events,
    approvals,
    ledger,
    subAgents,
    steers,
    meter,
    budget,
    wallTime: new WallTimeWatch(meter),
    /** Tools a person allowed for the whole conversation (before this run, and in it). */
    alwaysAllowed: new Set([...(config.alwaysAllowedTools ?? []), ...newlyAllowed]),
    newlyAllowed,
    models: new ModelFallback(config, continued?.modelIndex),
    outputCheck: new OutputCheck(config, continued?.outputCorrections),
    stopRequested: false,
    stopScope: new CancellationScope(),
    ...runActivities(input),
    compaction: new ModelInputCompaction(
      input,
      modelCallMessages(input).earlierMessages?.count ?? 0,
      publish,
      continued?.compactedSummary,
    ),
    /** Listed by the first model call (see RunTools); undefined when replaying a run from before lists. */
    runTools: continued?.runTools ? RunTools.of(continued.runTools) : undefined,
    /** Whether the first model call lists the run's tools (else they were loaded before it, or never). */
    toolsFromFirstCall: false,
    error: undefined as RunError | undefined,
    /** The model gave its final answer: a Stop arriving after that changes nothing. */
    answered: false,
    /** The attempts of the round a worker handed back when it shut down. */
    handedOver: undefined as HandedOverAttempts | undefined,
    /** The round's attempts before the current model (or answer) took over: its own attempts count from there. */
    attemptsBefore: 0,
  };
  setHandler(cancelRunSignal, () => {
    run.stopRequested = true;
    steers.close('the run was stopped');
    approvals.cancelAll();
    subAgents.stopAll();
    run.stopScope.cancel();
  });
  return run;
}

/**
 * Attempts of one model round before the run fails with the last attempt's cause: outages, rate limits,
 * cut streams and lost workers are retried (backoff 0.5 s doubling to 10 s, or the model's Retry-After),
 * but not until the run's deadline. A call made again after attempts that never started may make fewer.
 */
function runActivities(input: AgentRunInput) {
  const modelCall = (maximumAttempts: number) =>
    proxyActivities<AgentActivities>({
      startToCloseTimeout: '1 hour',
      heartbeatTimeout: input.config.heartbeatTimeoutMs,
      cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
      retry: {
        initialInterval: '500 milliseconds',
        backoffCoefficient: 2,
        maximumInterval: '10 seconds',
        maximumAttempts,
        nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
      },
    }).invokeModelStreaming;
  const invokeModelStreaming = modelCall(MODEL_MAX_ATTEMPTS);
  /** The model call of a round: with the attempts it has left when it is made again (see HandedOverAttempts). */
  const invokeModel = (callInput: InvokeModelStreamingInput) => {
    const attemptsLeft = callInput.handedOverAttempts?.attemptsLeft;
    return attemptsLeft === undefined ? invokeModelStreaming(callInput) : modelCall(attemptsLeft)(callInput);
  };
  const toolActivity: ActivityOptions = {
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: input.config.heartbeatTimeoutMs,
    retry: {
      initialInterval: '1 second',
      maximumAttempts: TOOL_MAX_ATTEMPTS,
      nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
    },
  };
  return { invokeModel, toolActivity };
}
