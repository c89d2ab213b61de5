import {
  ActivityCancellationType,
  type ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { WorkflowStream } from '@temporalio/workflow-streams/workflow';
import type {
  AgentActivities,
  HandedOverAttempts,
  InvokeModelStreamingOutput,
  PlannedToolCall,
} from '../common/activity-types';
import {
  buildControlEvent as controlEvent,
  runEventBuilders as runEvents,
  toolEventBuilders as toolEvents,
} from '../common/event-builders';
import {
  FailureType,
  LEAN_HISTORY_PATCH,
  MODEL_FALLBACK_PATCH,
  NON_RETRYABLE_FAILURES,
  STRUCTURED_OUTPUT_PATCH,
  TEXT_BY_REFERENCE_PATCH,
} from '../common/names';
import type { AgentRunInput, AgentRunOutput, RunError } from '../common/types';
import { ApprovalDesk } from './approval-desk';
import { needsApproval } from './approval-policy';
import { relayChildApprovals, surfaceApproval } from './approval-relay';
import { BudgetGate } from './budget-gate';
import { BudgetMeter } from './budget-meter';
import { compactedAttempts, ModelInputCompaction } from './compaction';
import { cancelRunSignal } from './definitions';
import { leaveOutLongTexts, withTextFromLog } from './long-texts';
import { modelCallMessages } from './model-call-messages';
import { failedAttemptsOf, ModelFallback } from './model-fallback';
import { OutputCheck } from './output-check';
import { RunEventLog } from './run-event-log';
import { RunLedger } from './run-ledger';
import {
  describeFailure,
  MODEL_MAX_ATTEMPTS,
  summarize,
  TOOL_MAX_ATTEMPTS,
  withReplayLog,
} from './run-output';
import { RunTools, TOOLS_FROM_FIRST_CALL_PATCH } from './run-tools';
import { SteerInbox } from './steer-inbox';
import { SUB_AGENTS_PATCH, SubAgentRuns, withSubAgents } from './sub-agent-runs';
import { WallTimeWatch } from './wall-time-watch';

/**
 * Attempts of one model round before the run fails with the last attempt's cause: outages, rate limits,
 * cut streams and lost workers are retried (backoff 0.5 s doubling to 10 s, or the model's Retry-After),
 * but not until the run's deadline.
 */

/** One agent run (one turn): model rounds and tool calls until the model answers without tools. */
export async function agentRun(input: AgentRunInput): Promise<AgentRunOutput> {
  const stream = new WorkflowStream();
  // Runs started before this patch keep their events in the stream only (read by polling updates) and copy
  // the conversation into every model call.
  const leanHistory = patched(LEAN_HISTORY_PATCH);
  const events = new RunEventLog(stream, leanHistory);
  // Runs started before this patch copy every answer into their activity results and their own result.
  const textByReference = leanHistory && patched(TEXT_BY_REFERENCE_PATCH);
  const context = { runId: input.runId, threadId: input.threadId };
  const approvals = new ApprovalDesk();
  const ledger = new RunLedger();
  const subAgents = new SubAgentRuns(input, (event) => events.publish(event));
  relayChildApprovals(input, approvals, (event) => events.publish(event));
  const { config } = input;
  const steers = new SteerInbox(context, (event) => events.publish(event));
  const meter = config.budget ? new BudgetMeter(config.budget) : undefined;
  const budget = new BudgetGate(meter, approvals, input, (event) => events.publish(event));
  const wallTime = new WallTimeWatch(meter);
  /** Tools a person allowed for the whole conversation (before this run, and in it). */
  const alwaysAllowed = new Set(config.alwaysAllowedTools ?? []);
  const newlyAllowed: string[] = [];
  const models = new ModelFallback(config);
  const outputCheck = new OutputCheck(config);

  let stopRequested = false;
  const stopScope = new CancellationScope();
  setHandler(cancelRunSignal, () => {
    stopRequested = true;
    steers.close('the run was stopped');
    approvals.cancelAll();
    subAgents.stopAll();
    stopScope.cancel();
  });

  const { invokeModelStreaming } = proxyActivities<AgentActivities>({
    startToCloseTimeout: '1 hour',
    heartbeatTimeout: config.heartbeatTimeoutMs,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      initialInterval: '500 milliseconds',
      backoffCoefficient: 2,
      maximumInterval: '10 seconds',
      maximumAttempts: MODEL_MAX_ATTEMPTS,
      nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
    },
  });
  const toolActivity: ActivityOptions = {
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: config.heartbeatTimeoutMs,
    retry: {
      initialInterval: '1 second',
      maximumAttempts: TOOL_MAX_ATTEMPTS,
      nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
    },
  };
  const callMessages = modelCallMessages(input);
  const compaction = new ModelInputCompaction(input, callMessages.earlierMessages?.count ?? 0, (event) =>
    events.publish(event),
  );
  /** Listed by the first model call (see RunTools); undefined when replaying a run from before lists. */
  let runTools: RunTools | undefined;

  /** Runs a tool call, after asking for approval when the policy says so; returns the tool message text. */
  async function resolveToolCall(call: PlannedToolCall): Promise<string> {
    if (stopRequested) return 'The tool call was skipped: the run was stopped';
    const work = call.agent ? 'sub-agent-run' : 'tool-call';
    if (budget.reached(work) && !(await budget.allows(work)))
      return `The tool call was skipped: ${budget.exhausted?.message ?? 'the run was stopped'}`;
    if (call.agent && patched(SUB_AGENTS_PATCH)) {
      const content = await subAgents.run(call, call.agent);
      const child = subAgents.summaries.find((summary) => summary.toolCallId === call.id);
      meter?.recordSubAgentRun(child?.usage, config.model);
      budget.report();
      return content;
    }
    const refusal = runTools?.refusal(call);
    if (refusal !== undefined) return refusal;
    const requiresApproval = runTools?.requiresApproval(call) ?? call.requiresApproval;
    if (!alwaysAllowed.has(call.name) && needsApproval(config.approvalPolicy, call.name, requiresApproval)) {
      const request = approvals.open(call, config.approvalTimeoutMs, call.approvalReason);
      events.publish(controlEvent(context, 'approval-request', request));
      surfaceApproval(input, request);
      const outcome = await approvals.decision(call.id, config.approvalTimeoutMs);
      events.publish(controlEvent(context, 'approval-resolved', { toolCallId: call.id, ...outcome }));
      if (!outcome.approved) return `The tool call was rejected: ${outcome.reason ?? 'no reason given'}`;
      if (outcome.alwaysAllow && !alwaysAllowed.has(call.name)) {
        alwaysAllowed.add(call.name);
        newlyAllowed.push(call.name);
      }
    }
    // Temporal's UI shows the call as its tool (`<server>.<tool>` for an MCP tool), not only `callTool`.
    const { callTool } = proxyActivities<AgentActivities>({
      ...toolActivity,
      summary: runTools?.label(call),
    });
    const result = await stopScope.run(() => callTool({ ...context, toolCall: call }));
    meter?.recordToolCall();
    budget.report();
    return result.content;
  }

  events.publish(runEvents.started(context));
  budget.report();
  let error: RunError | undefined;
  /** The model gave its final answer: a Stop arriving after that changes nothing. */
  let answered = false;
  /** The attempts of the round a worker handed back when it shut down. */
  let handedOver: HandedOverAttempts | undefined;
  /** The round's attempts before the current model (or answer) took over: its own attempts count from there. */
  let attemptsBefore = 0;
  try {
    const toolsFromFirstCall = patched(TOOLS_FROM_FIRST_CALL_PATCH);
    if (!toolsFromFirstCall) runTools = await stopScope.run(() => RunTools.load(input));
    for (let round = 1; !stopRequested; round++) {
      if (round > config.maxIterations) {
        error = {
          code: 'max-iterations',
          message: `the run stopped after ${config.maxIterations} model rounds (maxIterations)`,
        };
        break;
      }
      if (budget.reached('model-round') && !(await budget.allows('model-round'))) break;
      for (const text of steers.take()) ledger.recordSteer(text);
      if (leanHistory && compaction.outgrows(ledger.messages))
        await compaction.fit(ledger.messages, models.callFields.model, stopScope);
      const messageId = `${input.runId}-${round}`;
      const call = () =>
        invokeModelStreaming({
          ...context,
          agentName: input.agentName,
          round,
          messageId,
          ...(leanHistory
            ? {
                ...compaction.callFields(ledger.messages),
                lastEventsInResult: true,
                handOverOnShutdown: true,
                ...(textByReference ? { textByReference: true } : {}),
                ...(handedOver ? { handedOverAttempts: handedOver } : {}),
              }
            : { messages: [...input.messages, ...ledger.messages] }),
          config,
          ...models.callFields,
          ...outputCheck.callFields,
          runTools: runTools?.list,
          ...(toolsFromFirstCall && !runTools ? { listRunTools: true } : {}),
        });
      let output: InvokeModelStreamingOutput;
      try {
        output = await stopScope.run(() => wallTime.run(call));
        for (const event of output.lastEvents ?? []) events.publish(event);
        output = withTextFromLog(output, events, messageId);
      } catch (caught) {
        if (wallTime.expired && !stopRequested) {
          // The wall time ran out during the call: `ask` may allow more (the round again), else it ends.
          if (await budget.allows('model-round')) round--;
          else break;
          continue;
        }
        const model = models.callFields.model;
        if (
          !stopRequested &&
          (await compaction.afterRefusal(caught, round, ledger.messages, model, stopScope))
        ) {
          // Older turns were compacted: the same round again, as the next attempt.
          handedOver = compactedAttempts(caught, attemptsBefore);
          attemptsBefore = handedOver.count;
          round--;
          continue;
        }
        if (stopRequested || !models.canFallBack(caught) || !patched(MODEL_FALLBACK_PATCH)) throw caught;
        // The model failed for good: the same round on the next model, as the next attempt.
        handedOver = models.fallBack(
          caught as ActivityFailure,
          describeFailure(caught).message,
          attemptsBefore,
        );
        attemptsBefore = handedOver.count;
        round--;
        continue;
      }
      if (output.listedTools) runTools ??= RunTools.of(output.listedTools);
      if (output.handedOver) {
        // The worker shut down during the call: the same round again at once, on another worker.
        if (output.attempt - attemptsBefore >= MODEL_MAX_ATTEMPTS) {
          error = {
            code: FailureType.workerShutdown,
            message: `gave up after ${MODEL_MAX_ATTEMPTS} attempts — the worker shut down during the model call`,
          };
          break;
        }
        handedOver = { count: output.attempt, failed: output.failedAttempts, reason: 'the worker shut down' };
        round--;
        continue;
      }
      handedOver = undefined;
      if (output.outputErrors && !output.interrupted && patched(STRUCTURED_OUTPUT_PATCH)) {
        const rejected = outputCheck.reject(round, output, output.outputErrors);
        if ('handedOver' in rejected) {
          // The same round again, as the next attempt: clients replace the rejected answer with it.
          handedOver = rejected.handedOver;
          attemptsBefore = handedOver.count;
          round--;
          continue;
        }
        ledger.recordRound(round, output, messageId);
        error = rejected.error;
        break;
      }
      attemptsBefore = 0;
      ledger.recordRound(round, output, messageId);
      meter?.recordRound(output, output.model ?? config.model);
      budget.report();
      if (wallTime.expired && !stopRequested) {
        // The wall time ran out during the call (its partial text kept): it ends, or `ask` allows more.
        if (!(await budget.allows('model-round'))) break;
        if (output.interrupted) continue;
      }
      if (output.interrupted) break;
      if (output.toolCalls.length === 0) {
        // A steer that arrived while the model wrote its answer: one more round reads it.
        if (steers.waiting) continue;
        steers.close('the run has answered');
        answered = true;
        break;
      }

      for (const call of output.toolCalls.filter((each) => !each.clientSide)) {
        const content = await resolveToolCall(call);
        events.publish(toolEvents.result(context, messageId, call.id, content));
        ledger.recordToolResult(call, content);
      }
      // Calls of client-side tools end the run: the client runs them and sends the results in the next run.
      if (output.toolCalls.some((each) => each.clientSide)) {
        answered = true;
        break;
      }
    }
  } catch (caught) {
    if (!(stopRequested && isCancellation(caught))) {
      error = describeFailure(caught);
      ledger.recordFailedAttempts(failedAttemptsOf(caught));
    }
  }

  steers.close('the run has ended');
  const status = error
    ? 'failed'
    : stopRequested && !answered
      ? 'cancelled'
      : budget.exhausted
        ? 'budget-exhausted'
        : 'completed';
  const whole = outputCheck.withOutput(
    withSubAgents(
      {
        ...ledger.result(status, error),
        ...(meter ? { spend: meter.spend() } : {}),
        ...(budget.exhausted ? { budget: budget.exhausted } : {}),
        ...(newlyAllowed.length > 0 ? { alwaysAllowedTools: newlyAllowed } : {}),
      },
      subAgents.summaries,
    ),
  );
  // A long answer is held once, by the run's events (a sub-agent's goes whole to its parent).
  const result = input.depth ? whole : leaveOutLongTexts(whole, ledger.textsInEvents);
  events.publish(
    error
      ? runEvents.error(context, error.message, error.code)
      : runEvents.finished(context, summarize(result)),
  );

  // Let readers that are waiting collect the last events before the run closes.
  stream.detachPollers();
  await condition(allHandlersFinished);
  // A run whose events are in its history need not repeat them in its result.
  const output = leanHistory
    ? { result, log: [], logBaseOffset: events.length }
    : withReplayLog(result, stream.getState());
  if (error) throw ApplicationFailure.nonRetryable(error.message, FailureType.runFailed, output);
  return output;
}
