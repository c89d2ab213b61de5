import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type {
  InvokeModelStreamingInput,
  InvokeModelStreamingOutput,
  ListToolsOutput,
  PlannedToolCall,
} from '../common/activity-types';
import { type AttemptHeartbeat, estimateUsage } from '../common/attempt-history';
import { summaryMessage } from '../common/compaction-prompt';
import { controlEvent, messageEvents, toolEvents } from '../common/events';
import type { RunConfig, Usage } from '../common/types';
import type { LiveTextWriter } from '../live/live-text-server';
import { ModelError } from '../llm/model-provider';
import { checkAnswerSize, TEXT_BY_REFERENCE_CHARACTERS } from './answer-size';
import { withAttachmentContents } from './attachment-messages';
import { checkOutput } from './check-output';
import { type ActivityDependencies, resolveModel, resolveTools } from './dependencies';
import { EarlierMessagesReader } from './earlier-messages';
import { EventPublisher } from './event-publisher';
import { priorAttempts } from './handed-over-attempts';
import { startHeartbeat } from './heartbeat';
import { toRunTool } from './list-tools';
import { describeForRetry, toFailure, withAttempts } from './model-failure';
import { withOutputCorrections } from './output-corrections';
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
    /** The model this call asks: the workflow's choice among the run's models, else the run's model. */
    const modelName = input.model ?? input.config.model;
    const details = (): AttemptHeartbeat => ({
      round: input.round,
      failed: prior.failed,
      current: {
        attempt,
        usage: estimateUsage(promptCharacters, chunks),
        failureReason,
        ...(modelName === undefined ? {} : { model: modelName }),
      },
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
      const model = resolveModel(dependencies, modelName);
      const tagged = { model: model.name };
      const { toolNames, agents } = resolveAgents(dependencies, input.config.tools);
      const tools = input.runTools ?? resolveTools(dependencies, toolNames).map(toRunTool);
      // The first call's list is what it offers the model (what `listRunTools` would list again).
      if (input.listRunTools) listedTools = { tools, agents: agents.map((agent) => agent.name) };
      if (attempt > 1) {
        publisher.publish(
          controlEvent(context, 'attempt-reset', { messageId, attempt, reason: prior.reason, ...tagged }),
          true,
        );
        const reported = activity.info.attempt === 1 && input.handedOverAttempts?.usageReported;
        if (!reported)
          for (const lost of prior.failed.slice(-1)) publisher.publish(controlEvent(context, 'usage', lost));
      }
      const read = await earlierMessages.messagesOf(input, activity);
      const summary = input.compactedSummary === undefined ? [] : [summaryMessage(input.compactedSummary)];
      const messages = await withAttachmentContents(
        withOutputCorrections([...summary, ...read.messages], input.outputCorrections),
        dependencies.attachmentFolder,
      );
      const characters = read.characters + (input.compactedSummary?.length ?? 0);
      promptCharacters = characters;
      // Not urgent: it goes out with the first token (or after one batch interval without one). It names
      // where followers read this attempt's text live, between the log's batches.
      live = dependencies.liveText?.open();
      publisher.publish(
        messageEvents.start(context, messageId, attempt, live?.address, dependencies.workerIdentity),
      );
      resetIdleTimer();
      const stream = model.stream({
        instructions: withContext(
          input.config.instructions ?? dependencies.instructions,
          input.config.context,
        ),
        messages,
        ...(input.config.output ? { responseFormat: input.config.output } : {}),
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
            checkAnswerSize(text, input.textByReference === true);
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
        controlEvent(context, 'usage', {
          round: input.round,
          attempt,
          outcome: 'completed',
          ...tagged,
          ...finalUsage,
        }),
      );
      const outputErrors =
        input.config.output && toolCalls.size === 0 ? checkOutput(text, input.config.output) : [];
      const lastEvents = input.lastEventsInResult ? await publisher.takeRest() : undefined;
      await publisher.flush();
      report('completed');
      return {
        ...(lastEvents ? { lastEvents } : {}),
        ...textOrReference(text, input.textByReference),
        toolCalls: [...toolCalls.values()].map(
          (call): PlannedToolCall =>
            isClientTool(input.config.clientTools, call.name)
              ? { ...call, requiresApproval: false, clientSide: true }
              : planToolCall(dependencies, agents, call, context),
        ),
        usage: finalUsage,
        attempt,
        failedAttempts: prior.failed,
        interrupted: false,
        model: model.name,
        ...(outputErrors.length > 0 ? { outputErrors } : {}),
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
            ...(modelName === undefined ? {} : { model: modelName }),
            ...partialUsage,
          }),
        );
        await publisher.flush().catch(() => undefined);
        report('completed', 'stopped by the user');
        return {
          ...textOrReference(text, input.textByReference),
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
          failedAttempts: [
            ...prior.failed,
            {
              round: input.round,
              attempt,
              outcome: 'failed',
              ...(modelName === undefined ? {} : { model: modelName }),
              ...lostUsage,
            },
          ],
          interrupted: false,
        };
      }
      const failure = toFailure(error, reason);
      failureReason = failure.nonRetryable ? undefined : describeForRetry(failure, reason);
      heartbeat.beat();
      await publisher.flush().catch(() => undefined);
      report('failed', failure.message);
      // The round's attempts so far go with the failure: a fallback model's attempts count on from them.
      const thisAttempt = {
        round: input.round,
        attempt,
        outcome: 'failed' as const,
        ...(modelName === undefined ? {} : { model: modelName }),
        ...estimateUsage(promptCharacters, chunks),
      };
      throw withAttempts(failure, { attempt, failed: [...prior.failed, thisAttempt] });
    } finally {
      live?.end();
      clearTimeout(idleTimer);
      heartbeat.stop();
      activity.cancellationSignal.removeEventListener('abort', onCancel);
      await publisher.close().catch(() => undefined);
    }
  };
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

/** The instructions with the run's added context (an AG-UI client's) after them. */
function withContext(instructions: string | undefined, context: string | undefined): string | undefined {
  if (context === undefined) return instructions;
  return instructions === undefined ? context : `${instructions}\n\n${context}`;
}

function isClientTool(clientTools: RunConfig['clientTools'], name: string): boolean {
  return clientTools?.some((tool) => tool.name === name) ?? false;
}
