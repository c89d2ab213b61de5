import { CancelledFailure } from '@temporalio/common';
import { controlEvent, messageEvents, toolEvents } from '../common/events';
import type { RunConfig } from '../common/types';
import type { AgentTool } from '../tools/define-agent-tool';
import type { InvokeModelStreamingOutput, PlannedToolCall } from './activity-types';
import { TEXT_BY_REFERENCE_CHARACTERS } from './answer-size';
import { estimateUsage } from './attempt-history';
import { checkOutput } from './check-output';
import type { ActivityDependencies } from './dependencies';
import type { ModelCall } from './model-call';
import { describeForRetry, toFailure, withAttempts } from './model-failure';
import { planToolCall } from './resolve-agents';

/** The stream ended whole: end the message and its tool calls, publish the usage, return the round. */
export async function completeModelCall(
  call: ModelCall,
  dependencies: ActivityDependencies,
  model: string,
  agents: readonly AgentTool[],
): Promise<InvokeModelStreamingOutput> {
  const { input, context, messageId, attempt, publisher, toolCalls } = call;
  for (const toolCall of toolCalls.values()) {
    publisher.publish(toolEvents.end(context, messageId, attempt, toolCall.id));
  }
  publisher.publish(messageEvents.end(context, messageId, attempt));
  const usage = call.usage ?? estimateUsage(call.promptCharacters, call.chunks);
  publisher.publish(
    controlEvent(context, 'usage', { round: input.round, attempt, outcome: 'completed', model, ...usage }),
  );
  const outputErrors =
    input.config.output && toolCalls.size === 0 ? checkOutput(call.text, input.config.output) : [];
  const lastEvents = input.lastEventsInResult ? await publisher.takeRest() : undefined;
  await publisher.flush();
  call.report('completed');
  return {
    ...(lastEvents ? { lastEvents } : {}),
    ...textOrReference(call.text, input.textByReference),
    toolCalls: [...toolCalls.values()].map(
      (toolCall): PlannedToolCall =>
        isClientTool(input.config.clientTools, toolCall.name)
          ? { ...toolCall, requiresApproval: false, clientSide: true }
          : planToolCall(dependencies, agents, toolCall, context),
    ),
    usage,
    attempt,
    failedAttempts: call.prior.failed,
    interrupted: false,
    model,
    ...(outputErrors.length > 0 ? { outputErrors } : {}),
    ...(call.listedTools ? { listedTools: call.listedTools } : {}),
  };
}

/**
 * The call threw: a user Stop keeps the partial text, a worker shutting down hands the call back to the
 * workflow, anything else fails this attempt (Temporal retries it unless the failure is non-retryable).
 */
export async function endModelCallAfter(
  call: ModelCall,
  error: unknown,
): Promise<InvokeModelStreamingOutput> {
  const { cancellationSignal } = call.activity;
  const reason = cancellationSignal.aborted ? cancellationReason(cancellationSignal.reason) : undefined;
  if (reason === 'CANCELLED') return stopModelCall(call);
  if (reason === 'WORKER_SHUTDOWN' && call.input.handOverOnShutdown) return handOverModelCall(call);
  return failModelCall(call, error, reason);
}

/** A user Stop: keep the partial text and end the message; the workflow ends the run as interrupted. */
async function stopModelCall(call: ModelCall): Promise<InvokeModelStreamingOutput> {
  const { input, context, messageId, attempt, publisher } = call;
  publisher.publish(messageEvents.end(context, messageId, attempt));
  const usage = estimateUsage(call.promptCharacters, call.chunks);
  publisher.publish(
    controlEvent(context, 'usage', {
      round: input.round,
      attempt,
      outcome: 'cancelled',
      ...call.taggedModel,
      ...usage,
    }),
  );
  await publisher.flush().catch(() => undefined);
  call.report('completed', 'stopped by the user');
  return {
    ...textOrReference(call.text, input.textByReference),
    toolCalls: [],
    usage,
    attempt,
    failedAttempts: call.prior.failed,
    interrupted: true,
    ...(call.listedTools ? { listedTools: call.listedTools } : {}),
  };
}

/** Handed back to the workflow, which calls again at once on another worker (no retry backoff). */
async function handOverModelCall(call: ModelCall): Promise<InvokeModelStreamingOutput> {
  const usage = estimateUsage(call.promptCharacters, call.chunks);
  await call.publisher.flush().catch(() => undefined);
  call.report('failed', 'the worker shut down during the model call');
  const lost = { round: call.input.round, attempt: call.attempt, outcome: 'failed' as const };
  return {
    handedOver: true,
    text: '',
    toolCalls: [],
    usage,
    attempt: call.attempt,
    failedAttempts: [...call.prior.failed, { ...lost, ...call.taggedModel, ...usage }],
    interrupted: false,
  };
}

/** Fails this attempt; the round's attempts so far go with the failure (a fallback model counts on from them). */
async function failModelCall(call: ModelCall, error: unknown, reason: string | undefined): Promise<never> {
  const failure = toFailure(error, reason);
  call.failureReason = failure.nonRetryable ? undefined : describeForRetry(failure, reason);
  call.heartbeat.beat();
  await call.publisher.flush().catch(() => undefined);
  call.report('failed', failure.message);
  const thisAttempt = {
    round: call.input.round,
    attempt: call.attempt,
    outcome: 'failed' as const,
    ...call.taggedModel,
    ...estimateUsage(call.promptCharacters, call.chunks),
  };
  throw withAttempts(failure, { attempt: call.attempt, failed: [...call.prior.failed, thisAttempt] });
}

/** The text, or — when long and the run holds texts by reference — where it is: the events just published. */
function textOrReference(
  text: string,
  byReference: boolean | undefined,
): Pick<InvokeModelStreamingOutput, 'text' | 'textInEvents'> {
  if (!byReference || text.length <= TEXT_BY_REFERENCE_CHARACTERS) return { text };
  return { text: '', textInEvents: { characters: text.length } };
}

function cancellationReason(reason: unknown): string {
  return reason instanceof CancelledFailure ? reason.message : String(reason);
}

function isClientTool(clientTools: RunConfig['clientTools'], name: string): boolean {
  return clientTools?.some((tool) => tool.name === name) ?? false;
}
