import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CompactMessagesInput, CompactMessagesOutput } from '../common/activity-types';
import { CHARACTERS_PER_TOKEN, summaryRequest } from '../common/compaction-prompt';
import { addUsage, type Usage, ZERO_USAGE } from '../common/types';
import type { ModelProvider } from '../llm/model-provider';
import { type ActivityDependencies, resolveModel } from './dependencies';
import { EarlierMessagesReader } from './earlier-messages';
import { startHeartbeat } from './heartbeat';
import { toFailure } from './model-failure';
import { splitTurns } from './summary-parts';

/** Room a summarisation request leaves for the instruction and the summary it asks for, in tokens. */
const SUMMARY_ROOM_TOKENS = 1_024;
/** Summaries this worker remembers (by what they summarised), so later runs of a conversation reuse them. */
const MAX_REMEMBERED_SUMMARIES = 2_000;

/**
 * Builds the activity that compacts older turns of a run's model input: it asks the run's model to fold
 * the turns into the summary so far, in parts that each fit the model's context window. A summary of the
 * same part after the same summary is remembered by the worker, so the next run of a long conversation
 * asks the model only about what is new since; the run's history keeps the result either way.
 */
export function createCompactMessages(dependencies: ActivityDependencies) {
  const earlierMessages = new EarlierMessagesReader();
  const remembered = new Map<string, string>();
  return async function compactMessages(input: CompactMessagesInput): Promise<CompactMessagesOutput> {
    const activity = Context.current();
    let requests = 0;
    const heartbeat = startHeartbeat(activity, () => ({ requests }), input.config.heartbeatTimeoutMs);
    try {
      const model = resolveModel(dependencies, input.model ?? input.config.model);
      const { messages } = await earlierMessages.messagesOf(input, activity);
      const partCharacters = Math.max(
        1_000,
        (input.contextWindow - SUMMARY_ROOM_TOKENS) * CHARACTERS_PER_TOKEN -
          (input.previousSummary?.length ?? 0),
      );
      let summary = input.previousSummary;
      let usage: Usage = ZERO_USAGE;
      for (const part of splitTurns(messages, partCharacters)) {
        const prompt = summaryRequest(summary, part);
        const key = createHash('sha256').update(`${model.name}\n${prompt}`).digest('hex');
        const known = remembered.get(key);
        if (known !== undefined) {
          summary = known;
          continue;
        }
        const answer = await summarise(model, prompt, activity.cancellationSignal);
        requests++;
        heartbeat.beat();
        usage = addUsage(usage, answer.usage);
        summary = answer.text;
        remember(remembered, key, summary);
      }
      if (summary === undefined) throw ApplicationFailure.nonRetryable('there were no turns to compact');
      return { summary, usage, requests };
    } catch (error) {
      throw toFailure(error, activity.cancellationSignal.aborted ? 'CANCELLED' : undefined);
    } finally {
      heartbeat.stop();
    }
  };
}

/** One summarisation request: no tools, the answer's text and usage. */
async function summarise(
  model: ModelProvider,
  prompt: string,
  signal: AbortSignal,
): Promise<{ text: string; usage: Usage }> {
  let text = '';
  let usage: Usage | undefined;
  for await (const chunk of model.stream({
    messages: [{ role: 'user', content: prompt }],
    tools: [],
    signal,
  })) {
    if (chunk.type === 'text-delta') text += chunk.delta;
    if (chunk.type === 'usage') usage = chunk.usage;
  }
  signal.throwIfAborted();
  const fallback = Math.ceil(prompt.length / CHARACTERS_PER_TOKEN);
  return {
    text: text.trim(),
    usage: usage ?? {
      promptTokens: fallback,
      completionTokens: Math.ceil(text.length / 4),
      totalTokens: fallback,
    },
  };
}

function remember(remembered: Map<string, string>, key: string, summary: string): void {
  remembered.set(key, summary);
  for (const oldest of remembered.keys()) {
    if (remembered.size <= MAX_REMEMBERED_SUMMARIES) break;
    remembered.delete(oldest);
  }
}
