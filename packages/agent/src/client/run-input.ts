import { randomUUID } from 'node:crypto';
import { AgentError } from '../common/errors';
import { RUN_FORMAT } from '../common/names';
import type { AgentRunInput, ConversationMessage } from '../common/types';
import { checkConversationId, checkRunId } from '../common/workflow-id';
import type { ResolvedAgentOptions, StreamOptions } from './agent-options';
import { resolveBudget } from './budget-options';
import { toOutputSpecification } from './output-schema';
import { storeRunAttachments } from './run-attachments';
import { toolResultMessages } from './tool-results';

/**
 * Largest run input accepted: Temporal refuses payloads over 2 MiB (its default blob size limit), less room
 * for the payload's own encoding. The input is the only place the conversation is stored in a run's
 * history: model calls read it from there (see `earlierMessages`).
 */
const MAX_INPUT_BYTES = 2 * 1024 * 1024 - 8 * 1024;

/**
 * The input of a new run: the conversation so far (from the agent's store), the results of client-side
 * tool calls and the prompt, with the configuration snapshot the run carries. Rejects an empty prompt
 * (unless tool results are given), bad ids, results of calls that are not pending and an input too large.
 */
export async function buildRunInput(
  prompt: string,
  options: StreamOptions,
  agent: ResolvedAgentOptions,
  timeoutMs: number,
): Promise<AgentRunInput> {
  const attachments = await storeRunAttachments(options.attachments ?? [], agent.attachmentFolder);
  const hasPrompt = (typeof prompt === 'string' && prompt.trim() !== '') || attachments.length > 0;
  if (!hasPrompt && !options.toolResults?.length)
    throw new AgentError('invalid-input', 'the prompt is empty');
  const conversationId = options.conversationId ?? randomUUID();
  checkConversationId(conversationId);
  const runId = options.runId ?? randomUUID();
  checkRunId(runId);
  const transcript = (await agent.conversations?.load(conversationId)) ?? [];
  const added: ConversationMessage[] = [
    ...toolResultMessages(transcript, options.toolResults ?? []),
    ...(hasPrompt
      ? [{ role: 'user' as const, content: prompt, ...(attachments.length > 0 ? { attachments } : {}) }]
      : []),
  ];
  const budget = resolveBudget(agent.budget, options.budget, agent.prices);
  const input: AgentRunInput = {
    agentName: agent.name,
    threadId: conversationId,
    runId,
    format: RUN_FORMAT,
    messages: [...transcript, ...added],
    // Absent means the prompt alone (inputs from before tool results)
    ...(added.length === 1 && hasPrompt ? {} : { addedMessages: added.length }),
    config: {
      instructions: options.instructions ?? agent.instructions,
      ...runModels(options, agent),
      ...(options.output === undefined
        ? {}
        : { output: toOutputSpecification(options.output, agent.maxOutputAttempts) }),
      tools: options.tools ?? agent.tools,
      approvalPolicy: agent.approvalPolicy,
      approvalTimeoutMs: Math.min(agent.approvalTimeout, timeoutMs),
      maxIterations: agent.maxIterations,
      ...(agent.contextWindow === undefined ? {} : { contextWindow: agent.contextWindow }),
      ...(agent.continueAsNewAfterEvents === undefined
        ? {}
        : { continueAsNewAfterEvents: agent.continueAsNewAfterEvents }),
      heartbeatTimeoutMs: agent.heartbeatTimeout,
      streamBatchMs: agent.streamBatchInterval,
      ...(options.context === undefined ? {} : { context: options.context }),
      ...(options.clientTools?.length ? { clientTools: options.clientTools } : {}),
      ...(budget ? { budget } : {}),
      ...(options.alwaysAllowedTools?.length ? { alwaysAllowedTools: options.alwaysAllowedTools } : {}),
    },
  };
  const size = Buffer.byteLength(JSON.stringify(input));
  if (size > MAX_INPUT_BYTES) {
    throw new AgentError(
      'invalid-input',
      `the prompt and conversation are ${(size / 2 ** 20).toFixed(2)} MiB; the limit is ${(MAX_INPUT_BYTES / 2 ** 20).toFixed(2)} MiB (Temporal's payload limit)`,
    );
  }
  return input;
}

/** The run's model and fallbacks: the run's own choice, else the agent's; `models` wins over `model`. */
function runModels(
  options: StreamOptions,
  agent: ResolvedAgentOptions,
): { model?: string; models?: readonly string[] } {
  const models = options.models ?? (options.model === undefined ? agent.models : undefined);
  if (models !== undefined && models.length > 0) {
    if (models.some((name) => typeof name !== 'string' || name.trim() === ''))
      throw new AgentError('invalid-input', 'models: every model name must be a non-empty string');
    return { model: models[0], models };
  }
  return { model: options.model ?? agent.model };
}
