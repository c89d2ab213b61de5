import { type ChatMessage, earlierUserTexts } from './chat-request';
import { type ScriptedReply, textReply } from './scripted-reply';

const introduction = /\bmy name(?: is|'s|’s)\s+/i;
/** A name: one word, then up to two more that start with a capital ("Ada", "Ada Lovelace"). */
const namePattern = /^\p{L}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}/u;

/** Questions about the user's own name, matched against the lower-cased prompt. */
export const nameQuestion =
  /\b(what(?: is|'s|’s) my name|what my name is|do you (?:know|remember) my name)\b/;

/** The name a message introduces with "My name is <Name>", or undefined. */
export function introducedName(text: string): string | undefined {
  const match = introduction.exec(text);
  if (match === null) return undefined;
  return namePattern.exec(text.slice(match.index + match[0].length))?.[0];
}

/** "My name is Ada." → a friendly acknowledgement; undefined when the prompt introduces no name. */
export function introductionReply(prompt: string): ScriptedReply | undefined {
  const name = introducedName(prompt);
  return name === undefined ? undefined : textReply(`Nice to meet you, ${name}!`);
}

/**
 * "What is my name?" → the name an earlier user message introduced (the latest one). Only the user's own
 * earlier messages count, so the reply shows whether the earlier prompts reached the model.
 */
export function nameRecallReply(messages: readonly ChatMessage[]): ScriptedReply {
  const name = earlierUserTexts(messages)
    .map(introducedName)
    .findLast((found) => found !== undefined);
  return textReply(name === undefined ? "I don't know your name yet. What is it?" : `Your name is ${name}.`);
}
