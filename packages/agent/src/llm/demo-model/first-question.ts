import { type ChatMessage, earlierUserTexts } from './chat-request';
import { type ScriptedReply, textReply } from './scripted-reply';

/** Questions about the conversation's first user message, matched against the lower-cased prompt. */
export const firstQuestion =
  /\b(what did i (?:ask|say|tell)(?: to)?(?: you)? (?:at )?first|what did i first (?:ask|say)|what was my first (?:question|message))\b/;

/**
 * "What did I ask you first?" → quotes the conversation's first user message. Only the user's own earlier
 * messages count, so the reply shows whether the earlier prompts reached the model.
 */
export function firstQuestionReply(messages: readonly ChatMessage[]): ScriptedReply {
  const first = earlierUserTexts(messages)[0];
  if (first === undefined) return textReply('This is the first thing you asked me.');
  return textReply(`You first asked: "${first.replace(/\s+/g, ' ').trim().slice(0, 200)}"`);
}
