import { type ChatRequest, systemText } from './chat-request';
import { type ScriptedReply, textReply } from './scripted-reply';

const instructionsQuestion = /^what are your instructions\??$/;

/** `What are your instructions?` → the system prompt it was given, word for word (or that there is none). */
export function instructionsReply(request: ChatRequest, lowered: string): ScriptedReply | undefined {
  if (!instructionsQuestion.test(lowered)) return undefined;
  const instructions = systemText(request.messages);
  return textReply(instructions === '' ? 'I have no instructions.' : `My instructions are: ${instructions}`);
}
