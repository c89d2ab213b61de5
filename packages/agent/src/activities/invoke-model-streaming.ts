import type { InvokeModelStreamingInput, InvokeModelStreamingOutput } from '../common/activity-types';
import { summaryMessage } from '../common/compaction-prompt';
import { controlEvent, toolEvents } from '../common/events';
import type { ModelChunk } from '../llm/model-provider';
import { checkAnswerSize } from './answer-size';
import { withAttachmentContents } from './attachment-messages';
import { openAttemptLiveText } from './attempt-live-text';
import { type ActivityDependencies, resolveModel, resolveTools } from './dependencies';
import { EarlierMessagesReader } from './earlier-messages';
import { toRunTool } from './list-tools';
import { ModelCall } from './model-call';
import { completeModelCall, endModelCallAfter } from './model-call-endings';
import { withOutputCorrections } from './output-corrections';
import { agentToolSpecification, resolveAgents } from './resolve-agents';
import { StreamPacing } from './stream-pacing';

/**
 * Builds the activity that streams one model round into the run's event log: the stream loop here, its
 * four endings (completed, stopped, handed over, failed) in `model-call-endings.ts`.
 */
export function createInvokeModelStreaming(dependencies: ActivityDependencies) {
  const pacing = new StreamPacing();
  const earlierMessages = new EarlierMessagesReader();
  return async function invokeModelStreaming(
    input: InvokeModelStreamingInput,
  ): Promise<InvokeModelStreamingOutput> {
    const call = new ModelCall(dependencies, input, pacing);
    try {
      return await streamModelRound(call, dependencies, earlierMessages);
    } catch (error) {
      return await endModelCallAfter(call, error);
    } finally {
      await call.close();
    }
  };
}

/** Asks the model with the round's messages and tools and publishes what it streams, as it streams. */
async function streamModelRound(
  call: ModelCall,
  dependencies: ActivityDependencies,
  earlierMessages: EarlierMessagesReader,
): Promise<InvokeModelStreamingOutput> {
  const { input, context, attempt, publisher } = call;
  const model = resolveModel(dependencies, call.modelName);
  const { toolNames, agents } = resolveAgents(dependencies, input.config.tools);
  const tools = input.runTools ?? resolveTools(dependencies, toolNames).map(toRunTool);
  // The first call's list is what it offers the model (what `listRunTools` would list again).
  if (input.listRunTools) call.listedTools = { tools, agents: agents.map((agent) => agent.name) };
  // A replaced attempt (its worker slept past the heartbeat timeout) asks the model nothing.
  if (!(await call.lease.held())) throw call.abort.signal.reason;
  if (attempt > 1) publishAttemptReset(call, model.name);
  const read = await earlierMessages.messagesOf(input, call.activity);
  const summary = input.compactedSummary === undefined ? [] : [summaryMessage(input.compactedSummary)];
  const messages = await withAttachmentContents(
    withOutputCorrections([...summary, ...read.messages], input.outputCorrections),
    dependencies.attachmentFolder,
  );
  call.promptCharacters = read.characters + (input.compactedSummary?.length ?? 0);
  const opened = openAttemptLiveText(dependencies.liveText, dependencies.workerIdentity, {
    input,
    context,
    attempt,
    activityAttempt: call.activity.info.attempt,
  });
  call.live = opened.live;
  if (opened.announcement) publisher.publish(opened.announcement, opened.live !== undefined);

  call.resetIdleTimer();
  const stream = model.stream({
    instructions: withContext(input.config.instructions ?? dependencies.instructions, input.config.context),
    messages,
    ...(input.config.output ? { responseFormat: input.config.output } : {}),
    tools: [
      ...tools.map(({ name, description, parameters }) => ({ name, description, parameters })),
      ...agents.map(agentToolSpecification),
      ...(input.config.clientTools ?? []),
    ],
    signal: call.abort.signal,
  });
  for await (const chunk of stream) {
    call.resetIdleTimer();
    call.chunks++;
    applyChunk(call, chunk);
  }
  // The openai client ends an aborted stream quietly: an abort must not pass for a complete answer.
  call.abort.signal.throwIfAborted();
  return completeModelCall(call, dependencies, model.name, agents);
}

/** A retried attempt first tells followers to drop the older attempts' text, and what the last one used. */
function publishAttemptReset(call: ModelCall, model: string): void {
  const { context, messageId, attempt, prior, publisher } = call;
  publisher.publish(
    controlEvent(context, 'attempt-reset', { messageId, attempt, reason: prior.reason, model }),
    true,
  );
  const reported = call.activity.info.attempt === 1 && call.input.handedOverAttempts?.usageReported;
  if (!reported)
    for (const lost of prior.failed.slice(-1)) publisher.publish(controlEvent(context, 'usage', lost));
}

/** One streamed chunk: text grows the answer, tool-call chunks build the calls, usage is kept for the end. */
function applyChunk(call: ModelCall, chunk: ModelChunk): void {
  const { context, messageId, attempt, publisher } = call;
  switch (chunk.type) {
    case 'text-delta':
      call.text += chunk.delta;
      checkAnswerSize(call.text, call.input.textByReference === true);
      call.live?.append(chunk.delta);
      publisher.appendText(messageId, attempt, chunk.delta);
      break;
    case 'tool-call-start':
      call.toolCalls.set(chunk.index, { id: chunk.id, name: chunk.name, arguments: '' });
      publisher.publish(toolEvents.start(context, messageId, attempt, chunk.id, chunk.name));
      break;
    case 'tool-call-delta': {
      const toolCall = call.toolCalls.get(chunk.index);
      if (!toolCall) break;
      toolCall.arguments += chunk.argumentsDelta;
      publisher.publish(toolEvents.args(context, messageId, attempt, toolCall.id, chunk.argumentsDelta));
      break;
    }
    case 'usage':
      call.usage = chunk.usage;
      break;
  }
}

/** The instructions with the run's added context (an AG-UI client's) after them. */
function withContext(instructions: string | undefined, context: string | undefined): string | undefined {
  if (context === undefined) return instructions;
  return instructions === undefined ? context : `${instructions}\n\n${context}`;
}
