import type { OutputCorrection } from '../common/activity-types';
import { outputCorrectionMessage } from '../common/output-correction';
import type { ConversationMessage } from '../common/types';

/** The messages with each rejected answer and its validation errors after them, for the model to try again. */
export function withOutputCorrections(
  messages: readonly ConversationMessage[],
  corrections: readonly OutputCorrection[] | undefined,
): readonly ConversationMessage[] {
  if (!corrections?.length) return messages;
  return [
    ...messages,
    ...corrections.flatMap((correction): ConversationMessage[] => [
      { role: 'assistant', content: correction.answer },
      { role: 'user', content: outputCorrectionMessage(correction.errors) },
    ]),
  ];
}
