import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  ANSWER_APPROVAL_UPDATE,
  APPROVE_TOOL_CALL_SIGNAL,
  CANCEL_RUN_SIGNAL,
  PENDING_APPROVALS_QUERY,
} from '../common/names';
import type { ApprovalDecision, PendingApproval } from '../common/types';

export interface ApproveToolCallInput extends ApprovalDecision {
  readonly toolCallId: string;
}

/** How an approval was decided: by a person, by its expiry, or by a Stop of the run. */
export interface ApprovalOutcome extends ApprovalDecision {
  readonly decidedBy: 'user' | 'timeout' | 'cancel';
}

/**
 * Answers a pending approval and says how it was decided; refused (with the reason) when the approval is
 * not pending any more — expired, answered, or the run stopped — so a late answer is never dropped silently.
 */
export const answerApprovalUpdate = defineUpdate<ApprovalOutcome, [ApproveToolCallInput]>(
  ANSWER_APPROVAL_UPDATE,
);
/** The answer of clients older than `answerApprovalUpdate`; kept so their answers and old histories work. */
export const approveToolCallSignal = defineSignal<[ApproveToolCallInput]>(APPROVE_TOOL_CALL_SIGNAL);
export const cancelRunSignal = defineSignal<[]>(CANCEL_RUN_SIGNAL);
export const pendingApprovalsQuery = defineQuery<PendingApproval[]>(PENDING_APPROVALS_QUERY);
