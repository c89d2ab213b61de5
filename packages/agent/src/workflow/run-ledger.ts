import type { InvokeModelStreamingOutput } from '../common/activity-types';
import type { RunLedgerState } from '../common/run-continuation';
import { breakDownUsage } from '../common/run-usage';
import {
  type AgentRunResult,
  type AttemptUsage,
  addUsage,
  type ConversationMessage,
  type RunError,
  type RunStatus,
  type TextInEvents,
  type ToolCall,
  type Usage,
  ZERO_USAGE,
} from '../common/types';

/** What a run has produced so far: its assistant and tool messages, usage per attempt, model calls and attempts. */
export class RunLedger {
  readonly messages: ConversationMessage[];
  private readonly usageByAttempt: AttemptUsage[];
  private lastText: string;
  private rounds: number;
  private attempts: number;
  /** The rounds whose text the run's events hold (returned by reference): where they are. */
  private readonly inEvents: Omit<TextInEvents, 'answer'>[];

  /** A new ledger, or the one a run carried when it continued as new. */
  constructor(state?: RunLedgerState) {
    this.messages = [...(state?.messages ?? [])];
    this.usageByAttempt = [...(state?.usageByAttempt ?? [])];
    this.lastText = state?.lastText ?? '';
    this.rounds = state?.rounds ?? 0;
    this.attempts = state?.attempts ?? 0;
    this.inEvents = [...(state?.inEvents ?? [])];
  }

  /** What the ledger holds, for the run's next Temporal run when it continues as new. */
  state(): RunLedgerState {
    const { messages, usageByAttempt, lastText, rounds, attempts, inEvents } = this;
    return { messages, usageByAttempt, lastText, rounds, attempts, inEvents };
  }

  /** Records a round; `messageId` when its text came by reference (`output.textInEvents`). */
  recordRound(round: number, output: InvokeModelStreamingOutput, messageId?: string): void {
    if (output.textInEvents && messageId !== undefined)
      this.inEvents.push({
        messageIndex: this.messages.length,
        messageId,
        attempt: output.attempt,
        characters: output.text.length,
      });
    this.rounds = round;
    this.attempts += output.attempt;
    this.usageByAttempt.push(...output.failedAttempts, {
      round,
      attempt: output.attempt,
      outcome: output.interrupted ? 'cancelled' : 'completed',
      ...(output.model === undefined ? {} : { model: output.model }),
      ...output.usage,
    });
    this.lastText = output.text;
    const toolCalls = output.toolCalls.map(
      ({ id, name, arguments: args }): ToolCall => ({ id, name, arguments: args }),
    );
    this.messages.push(
      toolCalls.length > 0
        ? { role: 'assistant', content: output.text, toolCalls }
        : { role: 'assistant', content: output.text },
    );
  }

  /** Where the texts are that the run's events hold; `answer` for the one that is the result's `text`. */
  get textsInEvents(): TextInEvents[] {
    const last = this.messages.findLastIndex((message) => message.role === 'assistant');
    return this.inEvents.map((each) => ({ ...each, answer: each.messageIndex === last }));
  }

  /** A message a person sent into the run (a steer): the next model round reads it. */
  recordSteer(text: string): void {
    this.messages.push({ role: 'user', content: text });
  }

  /** Attempts of the round the run failed in: their usage counts too. */
  recordFailedAttempts(attempts: readonly AttemptUsage[]): void {
    this.usageByAttempt.push(...attempts);
  }

  recordToolResult(call: ToolCall, content: string): void {
    this.messages.push({ role: 'tool', toolCallId: call.id, toolName: call.name, content });
  }

  result(status: RunStatus, error: RunError | undefined): AgentRunResult {
    const usage = this.usageByAttempt.reduce<Usage>((sum, entry) => addUsage(sum, entry), ZERO_USAGE);
    return {
      status,
      text: this.lastText,
      messages: [...this.messages],
      usage,
      usageBreakdown: breakDownUsage(this.usageByAttempt),
      usageByAttempt: [...this.usageByAttempt],
      modelCalls: this.rounds,
      retries: this.attempts - this.rounds,
      ...usageByModelOf(this.usageByAttempt),
      attempts: this.attempts,
      rounds: this.rounds,
      ...(error ? { error } : {}),
    };
  }
}

/** Usage summed per model, when the attempts recorded their model (runs from before did not). */
function usageByModelOf(attempts: readonly AttemptUsage[]): { usageByModel?: Record<string, Usage> } {
  const byModel: Record<string, Usage> = {};
  for (const entry of attempts) {
    if (entry.model === undefined) continue;
    byModel[entry.model] = addUsage(byModel[entry.model] ?? ZERO_USAGE, entry);
  }
  return Object.keys(byModel).length > 0 ? { usageByModel: byModel } : {};
}
