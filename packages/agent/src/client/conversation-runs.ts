import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  AGENT_RUN_WORKFLOW,
  SCHEDULED_RUN_ID_PREFIX,
  toWorkflowId,
  WORKFLOW_ID_SEPARATOR,
} from '../common/names';
import type { AgentRunInput, ConversationMessage } from '../common/types';
import { addedMessagesOf } from './read-added-messages';
import { fetchRunOutcome } from './run-outcome';

/** A run of a conversation as Temporal lists it. */
export interface ConversationRun {
  readonly id: string;
  readonly runId: string;
  readonly running: boolean;
  readonly startedAt: Date;
  readonly closedAt?: Date;
}

/**
 * The runs of a conversation on Temporal (its own, not its sub-agents'), oldest first; with `scheduledOnly`
 * those its schedules started. Temporal lists what it still keeps (its retention) and may list a run that
 * has just closed as running for a moment.
 */
export async function listConversationRuns(
  client: Client,
  agentName: string,
  conversationId: string,
  options: { readonly scheduledOnly?: boolean } = {},
): Promise<ConversationRun[]> {
  const prefix = toWorkflowId({
    agentName,
    conversationId,
    runId: options.scheduledOnly ? SCHEDULED_RUN_ID_PREFIX : '',
  });
  const query = `WorkflowType = '${AGENT_RUN_WORKFLOW}' AND WorkflowId STARTS_WITH '${quoted(prefix)}'`;
  const runs: ConversationRun[] = [];
  for await (const execution of client.workflow.list({ query })) {
    const run = conversationRunOf(execution);
    if (run) runs.push(run);
  }
  return runs.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/**
 * The conversation as its runs on Temporal leave it: the input of the run that closed last (the
 * conversation before it) and what it added, as a conversation store would hold it after that run.
 */
export async function readConversationFromRuns(
  client: Client,
  agentName: string,
  conversationId: string,
): Promise<ConversationMessage[]> {
  const closed = (await listConversationRuns(client, agentName, conversationId)).filter(
    (run) => !run.running,
  );
  const last = closed.sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0)).at(-1);
  if (!last) return [];
  const handle = client.workflow.getHandle(last.id);
  const input = await readRunInput(client, last.id);
  const { result } = await fetchRunOutcome(handle);
  if (result.messages.length > 0) return [...input.messages, ...result.messages];
  // A run that produced nothing left the conversation as it was before its own prompt.
  return input.messages.slice(0, input.messages.length - addedMessagesOf(input).length);
}

async function readRunInput(client: Client, workflowId: string): Promise<AgentRunInput> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId },
    maximumPageSize: 1,
  });
  const payload =
    response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error(`the history of ${workflowId} has no input`);
  return defaultPayloadConverter.fromPayload<AgentRunInput>(payload);
}

function conversationRunOf(execution: WorkflowExecutionInfo): ConversationRun | undefined {
  // A run that continued as new is listed once, as the latest Temporal run of its chain.
  if (execution.status.name === 'CONTINUED_AS_NEW') return undefined;
  const parts = execution.workflowId.split(WORKFLOW_ID_SEPARATOR);
  if (parts.length !== 3 || !parts[2]) return undefined; // a sub-agent's run (`<run id>/<agent>/<n>`)
  return {
    id: execution.workflowId,
    runId: parts[2],
    running: execution.status.name === 'RUNNING',
    startedAt: execution.startTime,
    ...(execution.closeTime ? { closedAt: execution.closeTime } : {}),
  };
}

function quoted(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
