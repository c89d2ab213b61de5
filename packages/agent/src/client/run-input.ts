import { randomUUID } from 'node:crypto';
import { AgentError } from '../common/errors';
import type { AgentRunInput } from '../common/types';
import type { ResolvedAgentOptions, StreamOptions } from './agent-options';
import { checkConversationId, checkRunId } from './workflow-id';

/** Largest run input accepted; Temporal payloads must stay under 2 MB with the transcript around it. */
const MAX_INPUT_BYTES = 1_500_000;

/**
 * The input of a new run: the conversation so far (from the agent's store) and the prompt, with the
 * configuration snapshot the run carries. Rejects an empty prompt, bad ids and an input too large.
 */
export async function buildRunInput(
  prompt: string,
  options: StreamOptions,
  agent: ResolvedAgentOptions,
  timeoutMs: number,
): Promise<AgentRunInput> {
  if (typeof prompt !== 'string' || prompt.trim() === '')
    throw new AgentError('invalid-input', 'the prompt is empty');
  const conversationId = options.conversationId ?? randomUUID();
  checkConversationId(conversationId);
  const runId = options.runId ?? randomUUID();
  checkRunId(runId);
  const transcript = (await agent.conversations?.load(conversationId)) ?? [];
  const input: AgentRunInput = {
    agentName: agent.name,
    threadId: conversationId,
    runId,
    messages: [...transcript, { role: 'user', content: prompt }],
    config: {
      instructions: options.instructions ?? agent.instructions,
      model: options.model ?? agent.model,
      tools: options.tools ?? agent.tools,
      approvalPolicy: agent.approvalPolicy,
      approvalTimeoutMs: Math.min(agent.approvalTimeout, timeoutMs),
      maxIterations: agent.maxIterations,
      heartbeatTimeoutMs: agent.heartbeatTimeout,
      streamBatchMs: agent.streamBatchInterval,
    },
  };
  const size = Buffer.byteLength(JSON.stringify(input));
  if (size > MAX_INPUT_BYTES) {
    throw new AgentError(
      'invalid-input',
      `the prompt and conversation are ${(size / 1e6).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1e6} MB`,
    );
  }
  return input;
}
