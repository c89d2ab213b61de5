import { condition, setHandler } from '@temporalio/workflow';
import { assertNever } from '../common/errors';
import type { DecidedApprovals } from '../common/run-continuation';
import type { PendingApproval, ToolCall } from '../common/types';
import {
  type ApprovalOutcome,
  type ApproveToolCallInput,
  answerApprovalUpdate,
  approveToolCallSignal,
  pendingApprovalsQuery,
} from './definitions';

export type { ApprovalOutcome };

/** How many decisions a run carries into the next Temporal run when it continues as new (the latest). */
const CARRIED_DECISIONS = 200;

/**
 * Durable approvals: pending requests are workflow state, answers arrive as updates (or, from older
 * clients, signals). An approval is decided once: an answer that arrives after its expiry or a Stop is
 * refused with the reason, never dropped silently — also after the run continued as new (the latest
 * `CARRIED_DECISIONS` decisions go on with it).
 */
export class ApprovalDesk {
  private readonly pending = new Map<string, PendingApproval>();
  /** Answers of a person, waiting to be taken by `decision`. */
  private readonly answers = new Map<string, ApprovalOutcome>();
  /** How each approval that is no longer pending was decided. */
  private readonly decided: Map<string, ApprovalOutcome>;
  private cancelled = false;

  /** `decided`: the decisions of the run's earlier Temporal runs, when it continued as new. */
  constructor(decided: DecidedApprovals = []) {
    this.decided = new Map(decided);
    setHandler(approveToolCallSignal, (input) => {
      if (this.pending.has(input.toolCallId)) this.answers.set(input.toolCallId, personsAnswer(input));
    });
    setHandler(
      answerApprovalUpdate,
      (input) => {
        const outcome = personsAnswer(input);
        this.answers.set(input.toolCallId, outcome);
        return outcome;
      },
      { validator: ({ toolCallId }) => this.checkAnswerable(toolCallId) },
    );
    setHandler(pendingApprovalsQuery, () => [...this.pending.values()]);
  }

  /** Registers the request; the caller publishes it, then awaits `decision`. */
  open(call: ToolCall, timeoutMs: number, reason?: string): PendingApproval {
    const now = Date.now();
    const request: PendingApproval = {
      toolCallId: call.id,
      toolName: call.name,
      arguments: call.arguments,
      requestedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + timeoutMs).toISOString(),
      ...(reason ? { reason } : {}),
    };
    this.pending.set(call.id, request);
    return request;
  }

  async decision(toolCallId: string, timeoutMs: number): Promise<ApprovalOutcome> {
    await condition(() => this.answers.has(toolCallId) || this.cancelled, timeoutMs);
    // Taken in the same step as the approval stops being pending: an answer is either here or refused.
    this.pending.delete(toolCallId);
    const decidedAt = new Date(Date.now()).toISOString();
    const outcome: ApprovalOutcome =
      this.answers.get(toolCallId) ??
      (this.cancelled
        ? { approved: false, reason: 'the run was stopped', decidedBy: 'cancel', decidedAt }
        : {
            approved: false,
            reason: `no answer within ${Math.round(timeoutMs / 1000)}s`,
            decidedBy: 'timeout',
            decidedAt,
          });
    this.answers.delete(toolCallId);
    this.decided.set(toolCallId, outcome);
    return outcome;
  }

  /** The latest decisions, oldest first: what the next Temporal run of a run that continues as new needs. */
  decisions(): DecidedApprovals {
    return [...this.decided].slice(-CARRIED_DECISIONS);
  }

  cancelAll(): void {
    this.cancelled = true;
  }

  /** Throws (refusing the update) unless `toolCallId` is pending and not answered yet. */
  private checkAnswerable(toolCallId: string): void {
    const answered = this.answers.get(toolCallId) ?? this.decided.get(toolCallId);
    if (answered) throw new Error(describeDecided(toolCallId, answered));
    if (!this.pending.has(toolCallId)) {
      const waiting = [...this.pending.keys()].join(', ') || 'none';
      throw new Error(`no approval is waiting for tool call "${toolCallId}" (waiting: ${waiting})`);
    }
  }
}

/** A person's answer with its record: who answered (the client's identity) and when (workflow time). */
function personsAnswer({ approved, reason, alwaysAllow, identity }: ApproveToolCallInput): ApprovalOutcome {
  return {
    approved,
    reason,
    decidedBy: 'user',
    decider: identity ?? 'unknown client',
    decidedAt: new Date(Date.now()).toISOString(),
    ...(approved && alwaysAllow ? { alwaysAllow: true } : {}),
  };
}

function describeDecided(toolCallId: string, outcome: ApprovalOutcome): string {
  const subject = `the approval of tool call "${toolCallId}"`;
  switch (outcome.decidedBy) {
    case 'timeout':
      return `${subject} had already expired (${outcome.reason}): the tool call was rejected`;
    case 'cancel':
      return `${subject} was not needed any more: the run was stopped`;
    case 'user':
      return `${subject} was already answered (${outcome.approved ? 'approved' : 'rejected'})`;
    default:
      return assertNever(outcome.decidedBy);
  }
}
