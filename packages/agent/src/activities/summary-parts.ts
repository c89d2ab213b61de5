import type { ConversationMessage } from '../common/types';

/** One line of a summarisation request per message: `[user] …`, `[assistant] …`, `[tool <name>] …`. */
export function turnLine(message: ConversationMessage, maxCharacters: number): string {
  const calls =
    message.role === 'assistant' && message.toolCalls?.length
      ? ` (calls ${message.toolCalls.map((call) => `${call.name}(${call.arguments})`).join(', ')})`
      : '';
  const label = message.role === 'tool' ? `tool ${message.toolName}` : message.role;
  const line = `[${label}] ${message.content}${calls}`.replace(/\s+/g, ' ');
  return line.length > maxCharacters ? `${line.slice(0, maxCharacters)}…` : line;
}

/**
 * The turns in parts of at most `maxCharacters` each (a longer turn is cut to that), so that every
 * summarisation request fits the model's context. Parts depend only on the turns, so a conversation's
 * earlier parts come out the same in each of its runs.
 */
export function splitTurns(messages: readonly ConversationMessage[], maxCharacters: number): string[][] {
  const parts: string[][] = [];
  let part: string[] = [];
  let size = 0;
  for (const message of messages) {
    const line = turnLine(message, maxCharacters);
    if (size + line.length > maxCharacters && part.length > 0) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(line);
    size += line.length + 1;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
