import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { assertNever } from '../common/errors';
import { controlEvent, messageEvents, toolEvents } from '../common/events';
import { FailureType } from '../common/names';
import type { RunConfig, Usage } from '../common/types';
import type { LiveTextWriter } from '../live/live-text-server';
import { ModelError } from '../llm/model-provider';
import type {
  InvokeModelStreamingInput,
  InvokeModelStreamingOutput,
  ListToolsOutput,
  PlannedToolCall,
} from './activity-types';
import { checkAnswerSize } from './answer-size';
import { type AttemptHeartbeat, estimateUsage } from './attempt-history';
import { type ActivityDependencies, resolveModel, resolveTools } from './dependencies';
import { EarlierMessagesReader } from './earlier-messages';
import { EventPublisher } from './event-publisher';
import { priorAttempts } from './handed-over-attempts';
import { startHeartbeat } from './heartbeat';
import { toRunTool } from './list-tools';
import { agentToolSpecification, planToolCall, resolveAgents } from './resolve-agents';
import { StreamPacing } from './stream-pacing';

/** Builds the activity that streams one model round into the run's event log. */
export function createInvokeModelStreaming(dependencies: ActivityDependencies) {
  const pacing = new StreamPacing();
  const earlierMessages = new EarlierMessagesReader();
  return async function invokeModelStreaming(
    input: InvokeModelStreamingInput,
  ): Promise<InvokeModelStreamingOutput> {
    const activity = Context.current();
    const { workflowExecution } = activity.info;
    // Attempts count on across calls handed over by workers that shut down (see handOverOnShutdown).
    const attempt = (input.handedOverAttempts?.count ?? 0) + activity.info.attempt;
    const prior = priorAttempts(activity.info, input.round, input.handedOverAttempts);
    let promptCharacters = JSON.stringify(input.messages).length;
    let chunks = 0;
    let failureReason: string | undefined;
    const details = (): AttemptHeartbeat => ({
      round: input.round,
      failed: prior.failed,
      current: { attempt, usage: estimateUsage(promptCharacters, chunks), failureReason },
    });
    const heartbeat = startHeartbeat(activity, details, input.config.heartbeatTimeoutMs);
    const report = (phase: 'started' | 'completed' | 'failed', error?: string) =>
      dependencies.onActivity?.({
        phase,
        activity: 'invokeModelStreaming',
        workflowId: workflowExecution?.workflowId ?? '',
        ...(workflowExecution?.runId ? { workflowRunId: workflowExecution.runId } : {}),
        activityId: activity.info.activityId,
        runId: input.runId,
        attempt,
        error,
      });
    report('started');

    const context = { runId: input.runId, threadId: input.threadId };
    const { messageId } = input;
    const workflow = activity.client.workflow.getHandle(
      workflowExecution?.workflowId ?? '',
      workflowExecution?.runId,
    );
    const publisher = new EventPublisher(context, workflow, pacing, input.config.streamBatchMs);
    const abort = new AbortController();
    const onCancel = () => abort.abort(activity.cancellationSignal.reason);
    activity.cancellationSignal.addEventListener('abort', onCancel);
    let idleTimer: NodeJS.Timeout | undefined;
    const resetIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () =>
          abort.abort(
            new ModelError('connection', `the model sent nothing for ${dependencies.modelIdleTimeoutMs}ms`),
          ),
        dependencies.modelIdleTimeoutMs,
      );
    };

    let listedTools: ListToolsOutput | undefined;
    let live: LiveTextWriter | undefined;
    let text = '';
    const toolCalls = new Map<number, { id: string; name: string; arguments: string }>();
    let usage: Usage | undefined;
    try {
      const model = resolveModel(dependencies, input.config.model);
      const { toolNames, agents } = resolveAgents(dependencies, input.config.tools);
      const tools = input.runTools ?? resolveTools(dependencies, toolNames).map(toRunTool);
      // The first call's list is what it offers the model (what `listRunTools` would list again).
      if (input.listRunTools) listedTools = { tools, agents: agents.map((agent) => agent.name) };
      if (attempt > 1) {
        publisher.publish(
          controlEvent(context, 'attempt-reset', { messageId, attempt, reason: prior.reason }),
          true,
        );
        for (const lost of prior.failed.slice(-1)) publisher.publish(controlEvent(context, 'usage', lost));
      }
      const { messages, characters } = await earlierMessages.messagesOf(input, activity);
      promptCharacters = characters;
      // Not urgent: it goes out with the first token (or after one batch interval without one). It names
      // where followers read this attempt's text live, between the log's batches.
      live = dependencies.liveText?.open();
      publisher.publish(messageEvents.start(context, messageId, attempt, live?.address));
      resetIdleTimer();
      const stream = model.stream({
        instructions: withContext(
          input.config.instructions ?? dependencies.instructions,
          input.config.context,
        ),
        messages,
        tools: [
          ...tools.map(({ name, description, parameters }) => ({ name, description, parameters })),
          ...agents.map(agentToolSpecification),
          ...(input.config.clientTools ?? []),
        ],
        signal: abort.signal,
      });
      for await (const chunk of stream) {
        resetIdleTimer();
        chunks++;
        switch (chunk.type) {
          case 'text-delta':
            text += chunk.delta;
            checkAnswerSize(text);
            live?.append(chunk.delta);
            publisher.appendText(messageId, attempt, chunk.delta);
            break;
          case 'tool-call-start':
            toolCalls.set(chunk.index, { id: chunk.id, name: chunk.name, arguments: '' });
            publisher.publish(toolEvents.start(context, messageId, attempt, chunk.id, chunk.name));
            break;
          case 'tool-call-delta': {
            const call = toolCalls.get(chunk.index);
            if (!call) break;
            call.arguments += chunk.argumentsDelta;
            publisher.publish(toolEvents.args(context, messageId, attempt, call.id, chunk.argumentsDelta));
            break;
          }
          case 'usage':
            usage = chunk.usage;
            break;
        }
      }
      // The openai client ends an aborted stream quietly: an abort must not pass for a complete answer.
      abort.signal.throwIfAborted();
      for (const call of toolCalls.values()) {
        publisher.publish(toolEvents.end(context, messageId, attempt, call.id));
      }
      publisher.publish(messageEvents.end(context, messageId, attempt));
      const finalUsage = usage ?? estimateUsage(promptCharacters, chunks);
      publisher.publish(
        controlEvent(context, 'usage', { round: input.round, attempt, outcome: 'completed', ...finalUsage }),
      );
      const lastEvents = input.lastEventsInResult ? await publisher.takeRest() : undefined;
      await publisher.flush();
      report('completed');
      return {
        ...(lastEvents ? { lastEvents } : {}),
        text,
        toolCalls: [...toolCalls.values()].map(
          (call): PlannedToolCall =>
            isClientTool(input.config.clientTools, call.name)
              ? { ...call, requiresApproval: false, clientSide: true }
              : planToolCall(dependencies, agents, call, context),
        ),
        usage: finalUsage,
        model: model.name,
        attempt,
        failedAttempts: prior.failed,
        interrupted: false,
        ...(listedTools ? { listedTools } : {}),
      };
    } catch (error) {
      const reason = activity.cancellationSignal.aborted
        ? cancellationReason(activity.cancellationSignal.reason)
        : undefined;
      if (reason === 'CANCELLED') {
        // A user Stop: keep the partial text and end the message; the workflow ends the run as interrupted.
        publisher.publish(messageEvents.end(context, messageId, attempt));
        const partialUsage = estimateUsage(promptCharacters, chunks);
        publisher.publish(
          controlEvent(context, 'usage', {
            round: input.round,
            attempt,
            outcome: 'cancelled',
            ...partialUsage,
          }),
        );
        await publisher.flush().catch(() => undefined);
        report('completed', 'stopped by the user');
        return {
          text,
          toolCalls: [],
          usage: partialUsage,
          attempt,
          failedAttempts: prior.failed,
          interrupted: true,
          ...(listedTools ? { listedTools } : {}),
        };
      }
      if (reason === 'WORKER_SHUTDOWN' && input.handOverOnShutdown) {
        // Handed back to the workflow, which calls again at once on another worker (no retry backoff).
        const lostUsage = estimateUsage(promptCharacters, chunks);
        await publisher.flush().catch(() => undefined);
        report('failed', 'the worker shut down during the model call');
        return {
          handedOver: true,
          text: '',
          toolCalls: [],
          usage: lostUsage,
          attempt,
          failedAttempts: [...prior.failed, { round: input.round, attempt, outcome: 'failed', ...lostUsage }],
          interrupted: false,
        };
      }
      const failure = toFailure(error, reason);
      failureReason = failure.nonRetryable ? undefined : describeForRetry(failure, reason);
      heartbeat.beat();
      await publisher.flush().catch(() => undefined);
      report('failed', failure.message);
      throw failure;
    } finally {
      live?.end();
      clearTimeout(idleTimer);
      heartbeat.stop();
      activity.cancellationSignal.removeEventListener('abort', onCancel);
      await publisher.close().catch(() => undefined);
    }
  };
}

function cancellationReason(reason: unknown): string {
  return reason instanceof CancelledFailure ? reason.message : String(reason);
}

function toFailure(error: unknown, cancellation: string | undefined): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (cancellation === 'WORKER_SHUTDOWN') {
    return ApplicationFailure.create({
      message: 'the worker shut down during the model call',
      type: FailureType.workerShutdown,
      // Nothing is wrong with the call: another worker takes it over at once, without the retry backoff.
      nextRetryDelay: WORKER_HANDOVER_DELAY,
    });
  }
  if (cancellation !== undefined) {
    return ApplicationFailure.retryable(
      `the model call was abandoned (${cancellation})`,
      FailureType.modelUnavailable,
    );
  }
  if (error instanceof ModelError) return modelFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  return ApplicationFailure.retryable(`the model call failed: ${message}`, FailureType.modelUnavailable);
}

/** The retry delay of a model call whose worker shut down gracefully (the smallest Temporal takes). */
const WORKER_HANDOVER_DELAY = '1 millisecond';

/** The longest wait a model's `Retry-After` gets: longer ones would outlast an interactive run anyway. */
const MAX_RETRY_AFTER_MS = 60_000;

function modelFailure(error: ModelError): ApplicationFailure {
  const { message } = error;
  switch (error.kind) {
    case 'authentication':
      return ApplicationFailure.nonRetryable(message, FailureType.modelAuthentication);
    case 'bad-request':
      return ApplicationFailure.nonRetryable(message, FailureType.modelBadRequest);
    case 'incomplete':
    case 'malformed':
      return ApplicationFailure.retryable(message, FailureType.modelBadResponse);
    case 'rate-limited':
    case 'unavailable':
    case 'connection':
      return ApplicationFailure.create({
        message,
        type: error.kind === 'rate-limited' ? FailureType.modelRateLimited : FailureType.modelUnavailable,
        // The model said when to come back: that attempt waits so long instead of the usual backoff.
        nextRetryDelay:
          error.retryAfterMs === undefined ? undefined : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS),
      });
    default:
      return assertNever(error.kind);
  }
}

function describeForRetry(failure: ApplicationFailure, cancellation: string | undefined): string {
  if (cancellation === 'WORKER_SHUTDOWN') return 'the worker shut down';
  return failure.message;
}

/** The instructions with the run's added context (an AG-UI client's) after them. */
function withContext(instructions: string | undefined, context: string | undefined): string | undefined {
  if (context === undefined) return instructions;
  return instructions === undefined ? context : `${instructions}\n\n${context}`;
}

function isClientTool(clientTools: RunConfig['clientTools'], name: string): boolean {
  return clientTools?.some((tool) => tool.name === name) ?? false;
}
