import {
  defineSignal,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  buildControlEvent as controlEvent,
  type PublishedEvent,
  type RunContext,
} from '../common/event-builders';
import { SUB_AGENT_APPROVAL_SIGNAL } from '../common/names';
import type { AgentRunInput, PendingApproval } from '../common/types';
import type { ApprovalDesk } from './approval-desk';
import { approveToolCallSignal } from './definitions';
import { SUB_AGENTS_PATCH } from './sub-agent-runs';

export interface SubAgentApprovalInput {
  /** The child run that waits. */
  readonly workflowId: string;
  readonly agentName: string;
  readonly approval: PendingApproval;
}

/** A sub-agent tells its parent that one of its tool calls waits for approval. */
export const subAgentApprovalSignal = defineSignal<[SubAgentApprovalInput]>(SUB_AGENT_APPROVAL_SIGNAL);

/**
 * Child side: a sub-agent's approval surfaces through its parent (people follow the parent, not the
 * child), which asks in its own stream and passes the answer down. Nothing for a top-level run.
 */
export function surfaceApproval(input: AgentRunInput, approval: PendingApproval): void {
  const parent = workflowInfo().parent;
  if (!parent || !input.depth || !patched(SUB_AGENTS_PATCH)) return;
  const signal: SubAgentApprovalInput = {
    workflowId: workflowInfo().workflowId,
    agentName: input.agentName,
    approval,
  };
  void getExternalWorkflowHandle(parent.workflowId)
    .signal(subAgentApprovalSignal, signal)
    .catch(() => undefined);
}

/**
 * Parent side: each approval a child surfaces becomes one of the parent's own (its request event, its
 * pending-approvals query, its `answerApproval` update, its expiry and its Stop); a person's answer is
 * passed to the child. A grandchild's approval travels up one level at a time.
 */
export function relayChildApprovals(
  input: AgentRunInput,
  approvals: ApprovalDesk,
  publish: (event: PublishedEvent) => void,
): void {
  const context: RunContext = { runId: input.runId, threadId: input.threadId };
  const timeoutMs = input.config.approvalTimeoutMs;
  setHandler(subAgentApprovalSignal, ({ workflowId, agentName, approval }) => {
    void (async () => {
      const call = {
        id: approval.toolCallId,
        name: `${agentName}: ${approval.toolName}`,
        arguments: approval.arguments,
      };
      const request = approvals.open(call, timeoutMs);
      publish(controlEvent(context, 'approval-request', request));
      surfaceApproval(input, request);
      const outcome = await approvals.decision(call.id, timeoutMs);
      publish(controlEvent(context, 'approval-resolved', { toolCallId: call.id, ...outcome }));
      if (outcome.decidedBy !== 'user') return; // the child's own expiry or Stop decides for it
      await getExternalWorkflowHandle(workflowId)
        .signal(approveToolCallSignal, {
          toolCallId: call.id,
          approved: outcome.approved,
          reason: outcome.reason,
          ...(outcome.decider ? { identity: outcome.decider } : {}),
        })
        .catch(() => undefined);
    })();
  });
}
