import {
  ActivityFailure,
  ApplicationFailure,
  type CancellationScope,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import type {
  AgentActivities,
  EarlierMessages,
  HandedOverAttempts,
  InvokeModelStreamingInput,
} from '../common/activity-types';
import { CHARACTERS_PER_TOKEN } from '../common/compaction-prompt';
import { buildControlEvent, type PublishedEvent } from '../common/event-builders';
import { COMPACTION_PATCH, FailureType, NON_RETRYABLE_FAILURES } from '../common/names';
import type { AgentRunInput, ConversationMessage } from '../common/types';
import { failedAttemptsOf } from './model-fallback';

/** What a model call carries of the conversation: see `InvokeModelStreamingInput`. */
type CallMessages = Pick<InvokeModelStreamingInput, 'messages' | 'earlierMessages' | 'compactedSummary'>;

/** Why a compaction happened, and the context window it aims at. */
interface Occasion {
  readonly reason: 'estimate' | 'refused';
  readonly contextWindow: number;
  /** Estimated tokens the model still reads in full after it. */
  readonly keepTokens: number;
}

const { compactMessages } = proxyActivities<AgentActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES],
  },
});

/** The room a model call leaves for the answer: a quarter of the context window, at most 4,096 tokens. */
export function inputBudget(contextWindow: number): number {
  return contextWindow - Math.min(4_096, Math.floor(contextWindow / 4));
}

/**
 * Keeps a run's model input within the model's context window. The model's input is the conversation
 * (the run's workflow input) followed by the run's own messages; once its estimated size would leave too
 * little room for the answer (`config.contextWindow`), or the model refuses it as too long (HTTP 400
 * `context_length_exceeded`, once per round), the oldest messages are summarised by the model in one
 * durable step (`compactMessages`) and the model reads the summary in their place, then the newer
 * messages in full (never a tool result without its call; the run's prompt always). Each compaction is a
 * `context-compacted` event; the transcript the caller keeps is never shortened.
 */
export class ModelInputCompaction {
  private inputSizes: number[] | undefined;
  private refusedRound = 0;

  constructor(
    private readonly input: AgentRunInput,
    /** The input messages a model call reads by reference (those before the small inline ones). */
    private readonly earlierCount: number,
    private readonly publish: (event: PublishedEvent) => void,
    /** The summary the model reads in place of older turns (carried when the run continued as new). */
    public summary: { readonly text: string; readonly covered: number } | undefined = undefined,
  ) {}

  /** The conversation part of the next model call: with a summary, it and what came after it. */
  callFields(ledger: readonly ConversationMessage[]): CallMessages {
    const end = this.earlierCount;
    const reference = (start: number): { earlierMessages?: EarlierMessages } =>
      start < end
        ? { earlierMessages: { from: 'workflow-input', count: end, ...(start > 0 ? { start } : {}) } }
        : {};
    if (!this.summary) return { ...reference(0), messages: [...this.input.messages.slice(end), ...ledger] };
    const covered = this.summary.covered;
    const prompt = this.promptIndex(ledger);
    const reinserted =
      prompt !== undefined && prompt < covered && covered >= end ? [this.at(prompt, ledger)] : [];
    const from = Math.max(covered, end);
    return {
      ...reference(covered),
      compactedSummary: this.summary.text,
      messages: [...reinserted, ...this.slice(from, ledger)],
    };
  }

  /**
   * Whether the next model call's input would leave too little room for the answer. Checked without
   * waiting (so a run that needs no compaction issues the same commands as before compaction existed).
   */
  outgrows(ledger: readonly ConversationMessage[]): boolean {
    const contextWindow = this.input.config.contextWindow;
    return contextWindow !== undefined && this.estimate(ledger) > inputBudget(contextWindow);
  }

  /** Before a model round whose input `outgrows` the window: compacts older turns. */
  async fit(ledger: readonly ConversationMessage[], model: string | undefined, scope: CancellationScope) {
    const contextWindow = this.input.config.contextWindow;
    if (contextWindow === undefined || !patched(COMPACTION_PATCH)) return;
    await this.compact(ledger, model, scope, {
      reason: 'estimate',
      contextWindow,
      keepTokens: Math.floor(inputBudget(contextWindow) / 2),
    });
  }

  /** Whether a failed model call was the model refusing the input as too long, not yet compacted for this round. */
  refused(caught: unknown, round: number): boolean {
    return refusalOf(caught) !== undefined && this.refusedRound !== round;
  }

  /** After the model `refused` the input: compacts (once per round) and says whether to call again. */
  async afterRefusal(
    caught: unknown,
    round: number,
    ledger: readonly ConversationMessage[],
    model: string | undefined,
    scope: CancellationScope,
  ): Promise<boolean> {
    const refusal = refusalOf(caught);
    if (!refusal || this.refusedRound === round || !patched(COMPACTION_PATCH)) return false;
    this.refusedRound = round;
    const estimated = this.estimate(ledger);
    const contextWindow = Math.min(
      refusal.contextWindow ?? Number.POSITIVE_INFINITY,
      this.input.config.contextWindow ?? Number.POSITIVE_INFINITY,
    );
    const window = Number.isFinite(contextWindow) ? contextWindow : Math.floor(estimated / 2);
    // The estimate was off: aim lower by as much as it was.
    const scale = refusal.promptTokens ? Math.min(1, estimated / refusal.promptTokens) : 0.5;
    const keepTokens = Math.floor((inputBudget(window) / 2) * scale);
    return this.compact(ledger, model, scope, { reason: 'refused', contextWindow: window, keepTokens });
  }

  private async compact(
    ledger: readonly ConversationMessage[],
    model: string | undefined,
    scope: CancellationScope,
    occasion: Occasion,
  ): Promise<boolean> {
    const covered = this.summary?.covered ?? 0;
    const cut = this.cutFor(ledger, occasion.keepTokens);
    if (cut <= covered) return false;
    const tokensBefore = this.estimate(ledger);
    const end = this.earlierCount;
    const output = await scope.run(() =>
      compactMessages({
        agentName: this.input.agentName,
        threadId: this.input.threadId,
        runId: this.input.runId,
        config: this.input.config,
        ...(model === undefined ? {} : { model }),
        ...(this.summary ? { previousSummary: this.summary.text } : {}),
        ...(covered < end
          ? {
              earlierMessages: {
                from: 'workflow-input' as const,
                count: Math.min(cut, end),
                ...(covered > 0 ? { start: covered } : {}),
              },
            }
          : {}),
        messages: this.slice(Math.max(covered, end), ledger).slice(
          0,
          Math.max(0, cut - Math.max(covered, end)),
        ),
        contextWindow: occasion.contextWindow,
      }),
    );
    this.summary = { text: output.summary, covered: cut };
    this.publish(
      buildControlEvent({ runId: this.input.runId, threadId: this.input.threadId }, 'context-compacted', {
        summary: output.summary,
        summarizedMessages: cut,
        keptMessages: this.input.messages.length + ledger.length - cut,
        reason: occasion.reason,
        contextWindow: occasion.contextWindow,
        tokensBefore,
        tokensAfter: this.estimate(ledger),
        requests: output.requests,
        ...output.usage,
      }),
    );
    return true;
  }

  /** The first message the model still reads in full: the newest that fit in `keepTokens`, never a tool result. */
  private cutFor(ledger: readonly ConversationMessage[], keepTokens: number): number {
    const total = this.input.messages.length + ledger.length;
    let cut = total;
    let kept = 0;
    while (cut > 1) {
      const size = this.sizeOf(cut - 1, ledger);
      if (cut < total && (kept + size) / CHARACTERS_PER_TOKEN > keepTokens) break;
      kept += size;
      cut--;
    }
    while (cut < total && this.at(cut, ledger).role === 'tool') cut++;
    if (cut < total) return cut;
    // Only tool results would be left: keep the call they answer with them.
    for (let index = total - 1; index >= 0; index--) if (this.at(index, ledger).role !== 'tool') return index;
    return 0;
  }

  /** Estimated tokens of the next model call's input (its instructions and messages). */
  private estimate(ledger: readonly ConversationMessage[]): number {
    const { instructions = '', context = '' } = this.input.config;
    let characters = instructions.length + context.length;
    const covered = this.summary?.covered ?? 0;
    const total = this.input.messages.length + ledger.length;
    for (let index = covered; index < total; index++) characters += this.sizeOf(index, ledger);
    if (this.summary) {
      characters += this.summary.text.length;
      const prompt = this.promptIndex(ledger);
      if (prompt !== undefined && prompt < covered) characters += this.sizeOf(prompt, ledger);
    }
    return Math.ceil(characters / CHARACTERS_PER_TOKEN);
  }

  private sizeOf(index: number, ledger: readonly ConversationMessage[]): number {
    const count = this.input.messages.length;
    if (index >= count) return JSON.stringify(ledger[index - count]).length;
    this.inputSizes ??= this.input.messages.map((message) => JSON.stringify(message).length);
    return this.inputSizes[index] ?? 0;
  }

  private at(index: number, ledger: readonly ConversationMessage[]): ConversationMessage {
    const count = this.input.messages.length;
    return (index < count ? this.input.messages[index] : ledger[index - count]) as ConversationMessage;
  }

  private slice(from: number, ledger: readonly ConversationMessage[]): ConversationMessage[] {
    const count = this.input.messages.length;
    return [...this.input.messages.slice(from), ...ledger.slice(Math.max(0, from - count))];
  }

  /** The last user message (the run's prompt, or a later steer): kept whole after a summary. */
  private promptIndex(ledger: readonly ConversationMessage[]): number | undefined {
    for (let index = this.input.messages.length + ledger.length - 1; index >= 0; index--)
      if (this.at(index, ledger).role === 'user') return index;
    return undefined;
  }
}

/** The attempts of a round the model refused as too long, handed to the call after the compaction. */
export function compactedAttempts(caught: unknown, attemptsBefore: number): HandedOverAttempts {
  const failed = failedAttemptsOf(caught);
  return {
    count: failed.at(-1)?.attempt ?? attemptsBefore + 1,
    failed,
    reason: "the input was longer than the model's context window: older turns were compacted",
  };
}

/** The model's refusal of an input as too long: the window and the prompt's size, when it said them. */
function refusalOf(caught: unknown): { contextWindow?: number; promptTokens?: number } | undefined {
  if (!(caught instanceof ActivityFailure) || caught.activityType !== 'invokeModelStreaming')
    return undefined;
  const { cause } = caught;
  if (!(cause instanceof ApplicationFailure) || cause.type !== FailureType.modelContextLengthExceeded)
    return undefined;
  const contextWindow = Number(/maximum context length is (\d+) tokens/i.exec(cause.message)?.[1]);
  const promptTokens = Number(/resulted in (\d+) tokens/i.exec(cause.message)?.[1]);
  return {
    ...(contextWindow > 0 ? { contextWindow } : {}),
    ...(promptTokens > 0 ? { promptTokens } : {}),
  };
}
