import { defineQuery, defineSignal } from '@temporalio/workflow';
import { APPROVE_TOOL_CALL_SIGNAL, CANCEL_RUN_SIGNAL, PENDING_APPROVALS_QUERY } from '../common/names';
import type { ApprovalDecision, PendingApproval } from '../common/types';

export interface ApproveToolCallInput extends ApprovalDecision {
  readonly toolCallId: string;
}

export const approveToolCallSignal = defineSignal<[ApproveToolCallInput]>(APPROVE_TOOL_CALL_SIGNAL);
export const cancelRunSignal = defineSignal<[]>(CANCEL_RUN_SIGNAL);
export const pendingApprovalsQuery = defineQuery<PendingApproval[]>(PENDING_APPROVALS_QUERY);
