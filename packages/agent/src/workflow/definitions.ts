import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  ANSWER_APPROVAL_UPDATE,
  APPROVE_TOOL_CALL_SIGNAL,
  CANCEL_RUN_SIGNAL,
  PENDING_APPROVALS_QUERY,
  STEER_RUN_UPDATE,
} from '../common/names';
import type { ApprovalDecision, ApprovalOutcome, PendingApproval } from '../common/types';

export type { ApprovalOutcome };

export interface ApproveToolCallInput extends ApprovalDecision {
  readonly toolCallId: string;
  /** Who answers: the deciding client's identity (e.g. Temporal's `<pid>@<host>`, or a person's name). */
  readonly identity?: string;
}

export interface SteerRunInput {
  readonly text: string;
  /** Who steers: the sending client's identity. */
  readonly identity?: string;
}

/** A steer the run took: its id in the run (`steer-<n>`) and when it arrived (workflow time). */
export interface SteerReceipt {
  readonly steerId: string;
  readonly receivedAt: string;
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
/**
 * Sends a message into a running run: it joins the run's messages and its model reads it at its next
 * round (a run writing its final answer goes on for one more round). Refused once the run is ending.
 */
export const steerRunUpdate = defineUpdate<SteerReceipt, [SteerRunInput]>(STEER_RUN_UPDATE);
export const cancelRunSignal = defineSignal<[]>(CANCEL_RUN_SIGNAL);
export const pendingApprovalsQuery = defineQuery<PendingApproval[]>(PENDING_APPROVALS_QUERY);
