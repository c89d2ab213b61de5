import { BUDGET_APPROVAL_TOOL } from '../common/budget';
import { formatDuration } from '../common/duration';
import { assertNever } from '../common/errors';
import type { PendingApproval } from '../common/types';
import { describeCompaction } from '../runs/compaction-line';
import type { FollowState } from '../runs/followed-run';
import { describeMilestone } from '../runs/milestone-line';
import type { RunEnding } from '../runs/run-journal';
import { EMPTY_RUN_VIEW, type RunMilestone, type RunView } from '../runs/run-view';
import { budgetEndingLine } from './budget-line';
import type { StreamPrinter } from './stream-printer';
import { subAgentLines } from './sub-agent-lines';
import { visibleLine } from './terminal-text';

export interface RunRendererOptions {
  readonly printer: StreamPrinter;
  /**
   * A tool call waits for the user's decision. Rendering holds (the question owns the terminal) until
   * `release()`; what happens meanwhile is shown then.
   */
  readonly onApproval?: (approval: PendingApproval) => void;
}

/** How much of a message's current attempt is on screen. */
interface ShownMessage {
  attempt: number;
  length: number;
}

/**
 * Shows a run as the seed's terminal does, from its view alone (the library's reducer makes the view):
 * the current message's text as it grows, then a line per milestone — `[tool]`, `[tool result]`,
 * `[approval] …`, `[waiting] …`, `[retry] attempt N — reason` then `[attempt N on <worker>]`. At an attempt reset, a terminal erases the
 * abandoned attempt's lines and shows a dim `[retry]` line, so the answer appears once; in a pipe the
 * `[retry]` line stays and the new attempt's text follows it. What the model and the tools said is
 * printed with its control characters made visible (the printer does it; a tool call's name and
 * arguments also stay on their line), so no reply can rewrite the screen or pass for an approval prompt.
 */
export class RunRenderer {
  private readonly printer: StreamPrinter;
  private latest: RunView = EMPTY_RUN_VIEW;
  private milestonesShown = 0;
  private readonly messages = new Map<string, ShownMessage>();
  private openMessageId: string | undefined;
  private held = false;
  private reconnecting = false;
  /** The seconds left last shown while waiting for Temporal to notice a lost worker. */
  private lostWorkerLeft: number | undefined;

  constructor(private readonly options: RunRendererOptions) {
    this.printer = options.printer;
  }

  /** Shows what changed since the last view shown. */
  show(view: RunView): void {
    this.latest = view;
    if (this.held) return;
    while (this.milestonesShown < view.milestones.length) {
      const milestone = view.milestones[this.milestonesShown]!;
      this.milestonesShown += 1;
      this.showText(view);
      this.showMilestone(milestone, view);
      if (this.held) return;
    }
    this.showText(view);
  }

  /** Ends a hold (the approval was answered): shows what the run did meanwhile. */
  release(): void {
    this.held = false;
    this.show(this.latest);
  }

  /** Following's state: a Temporal outage is a note, never an error. */
  showState(state: FollowState): void {
    switch (state.kind) {
      case 'reconnecting':
        this.reconnecting = true;
        this.printer.line(`[reconnecting] Temporal unreachable — ${state.error}`);
        return;
      case 'live':
        if (this.reconnecting) this.printer.line('[reconnected]');
        this.reconnecting = false;
        this.lostWorkerLeft = undefined;
        return;
      case 'other-temporal':
        this.printer.line(`[waiting] this run lives on another Temporal, ${state.message}`);
        return;
      case 'worker-lost': {
        // A countdown, a line every 2 s (a terminal and a pipe alike).
        const left = Math.ceil(state.remainingMs / 1000);
        if (this.lostWorkerLeft !== undefined && this.lostWorkerLeft - left < 2 && left > 0) return;
        this.lostWorkerLeft = left;
        this.printer.line(`[waiting] ${state.message}`);
        return;
      }
      case 'finished':
      case 'stopped':
        return;
      default:
        assertNever(state);
    }
  }

  /** The last of the run, then `[complete]`/`[cancelled] …` and `[usage] …`, or `[error] …`. */
  showEnding(ending: RunEnding): void {
    this.held = false;
    this.show(ending.view);
    this.printer.endRegion();
    const { view, result } = ending;
    if (result.status === 'failed' || view.phase === 'failed') {
      this.printer.line(`[error] ${(result.error ?? view.error)?.message ?? 'the run failed'}`);
      return;
    }
    this.printer.line(endingLine(result.status));
    const budget = budgetEndingLine(result, view.budget);
    if (budget) this.printer.line(budget);
    const { answer, failedAttempts, stopped } = result.usageBreakdown;
    // The answer's own tokens: the same whether or not a retry happened (the seed's line).
    const { promptTokens, completionTokens, totalTokens } = answer;
    this.printer.line(`[usage] prompt=${promptTokens} completion=${completionTokens} total=${totalTokens}`);
    const apart = spentApart(failedAttempts.totalTokens, stopped.totalTokens, result.retries);
    if (apart) this.printer.line(`[usage] ${apart}`);
    const byModel = Object.entries(result.usageByModel ?? {});
    if (byModel.length > 1)
      this.printer.line(
        `[usage] by model: ${byModel.map(([model, usage]) => `${model}=${usage.totalTokens}`).join(' ')}`,
      );
  }

  private showMilestone(milestone: RunMilestone, view: RunView): void {
    switch (milestone.kind) {
      case 'worker-waiting':
        this.printer.line(
          `[waiting] no worker on task queue "${milestone.taskQueue}" yet — waiting up to ${formatDuration(milestone.timeoutMs)}`,
        );
        return;
      case 'attempt-started':
        this.openMessage(milestone.messageId, milestone.attempt, view);
        // Which worker took over a retried attempt, from the attempt's own first event.
        if (milestone.attempt > 1 && milestone.worker)
          this.printer.dimLine(`[attempt ${milestone.attempt} on ${milestone.worker}]`);
        return;
      case 'attempt-reset':
        this.restartMessage(milestone.messageId, milestone.attempt, milestone.reason);
        return;
      case 'tool-called':
        this.printer.line(
          `[tool] ${visibleLine(milestone.name)} ${visibleLine(milestone.arguments || '{}')}`,
        );
        return;
      case 'tool-result':
        // A delegation's result is its sub-agent's answer, already printed under `[sub-agent <name>]`.
        if (view.subAgents?.some((child) => child.toolCallId === milestone.toolCallId)) return;
        this.printer.line(`[tool result] ${milestone.content}`);
        return;
      case 'approval-requested':
        this.showApprovalRequest(milestone.approval, view);
        return;
      case 'approval-resolved':
        this.printer.line(approvalOutcome(milestone));
        return;
      case 'budget-reached':
        this.printer.line(
          `[budget] ${milestone.message}${milestone.action === 'ask' ? ' — asking whether to go on' : ' — the run ends'}`,
        );
        return;
      case 'steer-received':
        this.printer.line(`[steer] the run reads at its next round: ${visibleLine(milestone.text)}`);
        return;
      case 'context-compacted':
        this.printer.line(`[compacted] ${visibleLine(describeCompaction(milestone))}`);
        return;
      case 'continued-as-new':
        this.printer.dimLine(`[${describeMilestone(milestone)}]`);
        return;
      case 'sub-agent-started':
      case 'sub-agent-finished':
        for (const line of subAgentLines(milestone, view)) this.printer.line(line);
        return;
      case 'worker-found':
      case 'worker-timed-out':
      case 'finished':
      case 'failed':
        return; // the ending says it
      default:
        assertNever(milestone);
    }
  }

  private showApprovalRequest(approval: PendingApproval, view: RunView): void {
    const remainingMs = Math.max(0, Date.parse(approval.expiresAt) - Date.now());
    const expires = `expires in ${formatDuration(remainingMs)}`;
    this.printer.line(
      approval.toolName === BUDGET_APPROVAL_TOOL
        ? `[approval] ${visibleLine(approval.reason ?? 'the budget is spent')} (${expires})`
        : `[approval] ${visibleLine(approval.toolName)} ${visibleLine(approval.arguments)} needs your approval (${expires})${approval.reason ? ` — ${visibleLine(approval.reason)}` : ''}`,
    );
    // A request read back from a saved view may have been answered already: ask only while it waits.
    const waiting = view.approvals.some((each) => each.toolCallId === approval.toolCallId);
    if (!waiting || !this.options.onApproval) return;
    this.held = true;
    this.options.onApproval(approval);
  }

  /** A message's first attempt begins: its text (and anything printed with it) is one erasable region. */
  private openMessage(messageId: string, attempt: number, view: RunView): void {
    const shown = this.messages.get(messageId);
    if (shown === undefined) {
      this.messages.set(messageId, { attempt, length: 0 });
      this.openMessageId = messageId;
      this.printer.startRegion();
    } else if (attempt > shown.attempt) {
      this.restartMessage(messageId, attempt, view.retryReason ?? 'the previous attempt was lost');
    }
  }

  private restartMessage(messageId: string, attempt: number, reason: string): void {
    this.messages.set(messageId, { attempt, length: 0 });
    this.openMessageId = messageId;
    const line = `[retry] attempt ${attempt} — ${reason}`;
    if (this.printer.eraseRegion()) {
      this.printer.dimLine(line);
      return;
    }
    this.printer.line(line);
    if (!this.printer.hasRegion) this.printer.startRegion();
  }

  /** The open message's text beyond what is on screen (nothing while its new attempt is not shown yet). */
  private showText(view: RunView): void {
    const messageId = this.openMessageId;
    if (messageId === undefined) return;
    const shown = this.messages.get(messageId);
    const message = view.messages.find((each) => each.messageId === messageId);
    if (!shown || !message || message.attempt !== shown.attempt) return;
    if (message.text.length <= shown.length) return;
    this.printer.write(message.text.slice(shown.length));
    shown.length = message.text.length;
  }
}

/** Tokens that did not go into the answer, by cause: `not in the answer: 73 tokens on 1 failed attempt (retried)`. */
export function spentApart(failedTokens: number, stoppedTokens: number, retries: number): string | undefined {
  const parts = [
    ...(failedTokens > 0
      ? [
          `${failedTokens} tokens on ${retries <= 1 ? '1 failed attempt' : `${retries} failed attempts`} (retried)`,
        ]
      : []),
    ...(stoppedTokens > 0 ? [`${stoppedTokens} tokens on the model call Stop cut short`] : []),
  ];
  return parts.length > 0 ? `not in the answer: ${parts.join(', ')}` : undefined;
}

function endingLine(status: RunEnding['result']['status']): string {
  switch (status) {
    case 'cancelled':
      return '[cancelled] the run was stopped; partial text kept';
    case 'budget-exhausted':
      return '[budget-exhausted] a budget limit ended the run';
    default:
      return '[complete]';
  }
}

function approvalOutcome(resolved: Extract<RunMilestone, { kind: 'approval-resolved' }>): string {
  switch (resolved.decidedBy) {
    case 'user':
      if (!resolved.approved) return '[approval] rejected';
      return resolved.alwaysAllow
        ? '[approval] approved (always, in this conversation)'
        : '[approval] approved';
    case 'timeout':
      return '[approval] expired: the tool call was rejected';
    case 'cancel':
      return '[approval] withdrawn: the run was stopped';
    default:
      return assertNever(resolved.decidedBy);
  }
}
