import { BUDGET_APPROVAL_TOOL, type BudgetBreach, type BudgetedWork, budgetQuestion } from '../common/budget';
import {
  buildControlEvent as controlEvent,
  type PublishedEvent,
  type RunContext,
} from '../common/event-builders';
import type { AgentRunInput } from '../common/types';
import type { ApprovalDesk } from './approval-desk';
import { surfaceApproval } from './approval-relay';
import type { BudgetMeter } from './budget-meter';

/**
 * Where a run checks its budget before more work (a model round, a tool call, a sub-agent run). At a
 * limit, `stop` ends the run as budget-exhausted; `ask` waits for a person's answer on the approval desk
 * (a durable question any client answers like an approval, after any restart): yes allows the limit's
 * value again, no (or no answer in time) ends the run as budget-exhausted.
 */
export class BudgetGate {
  /** The limit that ended the run. */
  exhausted: BudgetBreach | undefined;
  /** Questions asked so far (a run that continued as new goes on counting from its last Temporal run's). */
  questions = 0;

  constructor(
    private readonly meter: BudgetMeter | undefined,
    private readonly approvals: ApprovalDesk,
    private readonly input: AgentRunInput,
    private readonly publish: (event: PublishedEvent) => void,
  ) {}

  private get context(): RunContext {
    return { runId: this.input.runId, threadId: this.input.threadId };
  }

  /** Publishes what was spent so far (for budget meters). */
  report(): void {
    if (this.meter) this.publish(controlEvent(this.context, 'budget-status', this.meter.status()));
  }

  /**
   * True when a limit is reached: then `allows` decides. Checked first, synchronously, so a run within its
   * budget (and a run without one) waits for nothing here — its commands stay in the order they had.
   */
  reached(work: BudgetedWork): boolean {
    return this.exhausted !== undefined || this.meter?.breach(work) !== undefined;
  }

  /** True when the run may do `work`; false when a limit (or a no to its question) ended it, or a Stop. */
  async allows(work: BudgetedWork): Promise<boolean> {
    if (!this.meter || this.exhausted) return !this.exhausted;
    for (let breach = this.meter.breach(work); breach; breach = this.meter.breach(work)) {
      const action = this.meter.onBudget;
      const { limit, scope, value, spent, message } = breach;
      this.publish(
        controlEvent(this.context, 'budget-reached', { limit, scope, value, spent, message, action }),
      );
      if (action === 'stop' || !(await this.askToContinue(breach))) {
        this.exhausted = breach;
        return false;
      }
      this.meter.extend(breach);
      this.report();
    }
    return true;
  }

  private async askToContinue(breach: BudgetBreach): Promise<boolean> {
    const timeoutMs = this.input.config.approvalTimeoutMs;
    this.questions += 1;
    const { limit, scope, value, spent } = breach;
    const call = {
      id: `budget-${this.questions}`,
      name: BUDGET_APPROVAL_TOOL,
      arguments: JSON.stringify({ limit, scope, value, spent }),
    };
    const request = this.approvals.open(call, timeoutMs, budgetQuestion(breach));
    this.publish(controlEvent(this.context, 'approval-request', request));
    surfaceApproval(this.input, request);
    const outcome = await this.approvals.decision(call.id, timeoutMs);
    this.publish(controlEvent(this.context, 'approval-resolved', { toolCallId: call.id, ...outcome }));
    return outcome.approved;
  }
}
