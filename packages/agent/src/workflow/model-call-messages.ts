import type { EarlierMessages } from '../common/activity-types';
import type { AgentRunInput, ConversationMessage } from '../common/types';

/**
 * The run's own messages (its prompt, and results of client-side tools) travel with each model call when
 * they are this small; larger ones are read from the run's history like the conversation before them.
 */
export const INLINE_RUN_MESSAGES_CHARACTERS = 4_000;

/**
 * What a model call carries of the run's input: the conversation before the run by reference (the
 * activity reads it from the run's history, so it is in history once, whatever its length), and the
 * run's own messages when they are small — then a run with no earlier conversation reads nothing
 * before calling the model (~85 ms of the first token with 50 runs starting together).
 */
export function modelCallMessages(input: AgentRunInput): {
  readonly earlierMessages?: EarlierMessages;
  readonly inline: readonly ConversationMessage[];
} {
  const added = Math.min(input.addedMessages ?? 1, input.messages.length);
  const own = input.messages.slice(input.messages.length - added);
  const inline = JSON.stringify(own).length <= INLINE_RUN_MESSAGES_CHARACTERS ? own : [];
  const count = input.messages.length - inline.length;
  return count > 0 ? { earlierMessages: { from: 'workflow-input', count }, inline } : { inline };
}
