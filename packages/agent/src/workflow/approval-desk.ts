import { condition, setHandler } from '@temporalio/workflow';
import type { ApprovalDecision, PendingApproval, ToolCall } from '../common/types';
import { approveToolCallSignal, pendingApprovalsQuery } from './definitions';

export interface ApprovalOutcome extends ApprovalDecision {
  readonly decidedBy: 'user' | 'timeout' | 'cancel';
}

/** Durable approvals: pending requests are workflow state, answers arrive as signals. */
export class ApprovalDesk {
  private readonly pending = new Map<string, PendingApproval>();
  private readonly decisions = new Map<string, ApprovalDecision>();
  private cancelled = false;

  constructor() {
    setHandler(approveToolCallSignal, ({ toolCallId, approved, reason }) => {
      if (this.pending.has(toolCallId)) this.decisions.set(toolCallId, { approved, reason });
    });
    setHandler(pendingApprovalsQuery, () => [...this.pending.values()]);
  }

  /** Registers the request; the caller publishes it, then awaits `decision`. */
  open(call: ToolCall, timeoutMs: number): PendingApproval {
    const now = Date.now();
    const request: PendingApproval = {
      toolCallId: call.id,
      toolName: call.name,
      arguments: call.arguments,
      requestedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + timeoutMs).toISOString(),
    };
    this.pending.set(call.id, request);
    return request;
  }

  async decision(toolCallId: string, timeoutMs: number): Promise<ApprovalOutcome> {
    const answered = await condition(() => this.decisions.has(toolCallId) || this.cancelled, timeoutMs);
    this.pending.delete(toolCallId);
    const decision = this.decisions.get(toolCallId);
    if (decision) return { ...decision, decidedBy: 'user' };
    if (answered) return { approved: false, reason: 'the run was stopped', decidedBy: 'cancel' };
    return {
      approved: false,
      reason: `no answer within ${Math.round(timeoutMs / 1000)}s`,
      decidedBy: 'timeout',
    };
  }

  cancelAll(): void {
    this.cancelled = true;
  }
}
