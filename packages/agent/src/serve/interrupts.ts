import type { Interrupt, ResumeEntry } from '@ag-ui/core';
import { BUDGET_APPROVAL_TOOL } from '../common/budget';
import type { ApprovalDecision, PendingApproval } from '../common/types';
import { HttpError } from './http-error';

/** The `reason` of the interrupts this server raises: a tool call waits for a person's approval. */
export const TOOL_APPROVAL_REASON = 'tool-approval';

/** What a resume entry's `payload` may say; absent means approved. */
const RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    approved: { type: 'boolean', description: 'true runs the tool call, false rejects it' },
    reason: { type: 'string', description: 'why (the model is told when the call is rejected)' },
  },
  required: ['approved'],
};

/**
 * An interrupt's id names the durable run and the tool call: `<runId>/<toolCallId>` (a run id has no "/"),
 * so a resume can reach the waiting run from any server process.
 */
export function interruptId(runId: string, toolCallId: string): string {
  return `${runId}/${toolCallId}`;
}

export function parseInterruptId(id: string): { runId: string; toolCallId: string } {
  const slash = id.indexOf('/');
  const runId = id.slice(0, slash);
  const toolCallId = id.slice(slash + 1);
  if (slash <= 0 || toolCallId === '' || !/^[A-Za-z0-9._:-]{1,200}$/.test(runId)) {
    throw new HttpError(404, 'interrupt-not-found', `no interrupt "${id}": not an interrupt of this server`);
  }
  return { runId, toolCallId };
}

/** The `reason` of the interrupt of a run paused at a budget limit (`onBudget: 'ask'`): approve to go on. */
export const BUDGET_REASON = 'budget';

/** The AG-UI interrupt for a pending approval (a budget question is one too). */
export function approvalInterrupt(runId: string, approval: PendingApproval): Interrupt {
  const budget = approval.toolName === BUDGET_APPROVAL_TOOL;
  const why = approval.reason ? ` (${approval.reason})` : '';
  return {
    id: interruptId(runId, approval.toolCallId),
    reason: budget ? BUDGET_REASON : TOOL_APPROVAL_REASON,
    message:
      budget && approval.reason
        ? approval.reason
        : `Approve the call of ${approval.toolName} with ${approval.arguments}?${why}`,
    toolCallId: approval.toolCallId,
    responseSchema: RESPONSE_SCHEMA,
    expiresAt: approval.expiresAt,
    metadata: { toolName: approval.toolName, arguments: approval.arguments },
  };
}

/** The decision a resume entry carries: `resolved` approves unless `payload.approved` is false; `cancelled` rejects. */
export function decisionOf(entry: ResumeEntry): ApprovalDecision {
  if (entry.status === 'cancelled') return { approved: false, reason: 'the client cancelled the interrupt' };
  const payload: unknown = entry.payload;
  if (payload === undefined || payload === null) return { approved: true };
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    throw new HttpError(
      400,
      'invalid-input',
      'resume.payload: expected { "approved": boolean, "reason"?: string }',
    );
  }
  const { approved, reason } = payload as { approved?: unknown; reason?: unknown };
  if (approved !== undefined && typeof approved !== 'boolean') {
    throw new HttpError(400, 'invalid-input', 'resume.payload.approved: expected a boolean');
  }
  if (reason !== undefined && typeof reason !== 'string') {
    throw new HttpError(400, 'invalid-input', 'resume.payload.reason: expected a string');
  }
  return { approved: approved ?? true, ...(reason ? { reason } : {}) };
}
