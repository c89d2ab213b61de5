import type { AgentEvent } from '../common/events';
import type { AgentRunResult, TextInEvents } from '../common/types';
import { joinMessageText } from './join-message-text';

/**
 * The result with the long texts its workflow left out (`textsInEvents`) filled in from the run's events,
 * which hold them once. Throws, saying which, when the events do not hold a text whole.
 */
export function withTextsFromEvents(result: AgentRunResult, events: Iterable<AgentEvent>): AgentRunResult {
  const references = result.textsInEvents;
  if (!references || references.length === 0) return result;
  const texts = new Map(references.map((reference) => [keyOf(reference), '']));
  for (const event of events) {
    if (event.type !== 'TEXT_MESSAGE_CONTENT' || event.live) continue;
    const key = keyOf({ messageId: event.messageId ?? '', attempt: event.attempt ?? 1 });
    const text = texts.get(key);
    if (text !== undefined) texts.set(key, joinMessageText(text, event));
  }
  const byIndex = new Map<number, string>();
  let answer: string | undefined;
  for (const reference of references) {
    const text = texts.get(keyOf(reference)) ?? '';
    if (text.length !== reference.characters) {
      throw new Error(
        `the run's events hold ${text.length.toLocaleString('en-US')} of the ${reference.characters.toLocaleString('en-US')} characters of message ${reference.messageId} (attempt ${reference.attempt})`,
      );
    }
    byIndex.set(reference.messageIndex, text);
    if (reference.answer) answer = text;
  }
  const { textsInEvents: _filled, ...rest } = result;
  return {
    ...rest,
    text: answer ?? result.text,
    messages: result.messages.map((message, index) => {
      const content = byIndex.get(index);
      return content === undefined ? message : { ...message, content };
    }),
  };
}

function keyOf(reference: Pick<TextInEvents, 'messageId' | 'attempt'>): string {
  return `${reference.attempt}\n${reference.messageId}`;
}
