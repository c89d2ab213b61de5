import type { Context } from '@temporalio/activity';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { InvokeModelStreamingInput } from '../common/activity-types';
import { messageOf } from '../common/error-message';
import { FailureType } from '../common/names';
import type { AgentRunInput, ConversationMessage } from '../common/types';

/** The messages a model round reads, and their size in JSON characters (for usage estimates). */
export interface RoundMessages {
  readonly messages: readonly ConversationMessage[];
  readonly characters: number;
}

/** How much conversation text a worker keeps for runs with several model rounds. */
const MAX_CACHED_CHARACTERS = 32_000_000;

/**
 * Resolves the conversation a model round refers to (`earlierMessages`): reads the run's workflow input
 * from the start of its history — once per run and worker; a run's later rounds and retries on this worker
 * find it in a small cache, bounded by size.
 */
export class EarlierMessagesReader {
  private readonly cache = new Map<string, RoundMessages>();
  private cachedCharacters = 0;

  async messagesOf(
    input: Pick<InvokeModelStreamingInput, 'messages' | 'earlierMessages'>,
    activity: Context,
  ): Promise<RoundMessages> {
    const own = { messages: input.messages, characters: JSON.stringify(input.messages).length };
    if (!input.earlierMessages) return own;
    const { start = 0, count } = input.earlierMessages;
    const earlier = await this.earlier(activity, start, count);
    return {
      messages: [...earlier.messages, ...own.messages],
      characters: earlier.characters + own.characters,
    };
  }

  /** The run's input messages from `start` up to `count` (a range stays the same until the run compacts). */
  private async earlier(activity: Context, start: number, count: number): Promise<RoundMessages> {
    const execution = activity.info.workflowExecution;
    if (!execution) throw new Error('a model call must be scheduled by a run workflow');
    const key = `${execution.workflowId}\n${execution.runId}\n${start}\n${count}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, cached);
      return cached;
    }
    const input = await readWorkflowInput(activity, execution);
    if (input.messages.length < count) {
      throw ApplicationFailure.nonRetryable(
        `the run's input has ${input.messages.length} messages, the model call refers to ${count}`,
        FailureType.runFailed,
      );
    }
    const entry = sized(input.messages.slice(start, count));
    this.remember(key, entry);
    return entry;
  }

  private remember(key: string, entry: RoundMessages): void {
    if (entry.characters > MAX_CACHED_CHARACTERS) return;
    this.cache.set(key, entry);
    this.cachedCharacters += entry.characters;
    for (const [oldest, value] of this.cache) {
      if (this.cachedCharacters <= MAX_CACHED_CHARACTERS) break;
      this.cache.delete(oldest);
      this.cachedCharacters -= value.characters;
    }
  }
}

function sized(messages: readonly ConversationMessage[]): RoundMessages {
  return { messages, characters: JSON.stringify(messages).length };
}

/** The input of the activity's workflow run, from the first event of its history. */
async function readWorkflowInput(
  activity: Context,
  execution: { workflowId: string; runId: string },
): Promise<AgentRunInput> {
  const { client } = activity;
  let payload: Payload | null | undefined;
  try {
    const response = await client.workflowService.getWorkflowExecutionHistory({
      namespace: activity.info.workflowNamespace,
      execution,
      maximumPageSize: 1,
    });
    payload = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  } catch (error) {
    const message = messageOf(error);
    throw ApplicationFailure.retryable(
      `the conversation could not be read from the run's history: ${message}`,
      FailureType.modelUnavailable,
    );
  }
  if (!payload) throw new Error(`the history of ${execution.workflowId} has no input`);
  return defaultPayloadConverter.fromPayload<AgentRunInput>(payload);
}
