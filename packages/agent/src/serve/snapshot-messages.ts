import type { AssistantMessage, Message, ToolMessage } from '@ag-ui/core';
import type { RunView } from '../runs/run-view';
import { attemptMessageId, toolResultMessageId } from './message-ids';

/**
 * The messages a client should hold: its own (`base`, as it sent them) with the run's messages from the
 * view in place of any copy it had, then the run's new ones; the messages of `omitMessageId` (an
 * abandoned attempt) left out. This is what a MESSAGES_SNAPSHOT carries.
 */
export function snapshotMessages(base: readonly Message[], view: RunView, omitMessageId?: string): Message[] {
  const produced: Message[] = [];
  for (const message of view.messages) {
    if (message.messageId === omitMessageId) continue;
    const calls = view.toolCalls.filter((call) => call.messageId === message.messageId);
    const assistant: AssistantMessage = {
      id: attemptMessageId(message.messageId, message.attempt),
      role: 'assistant',
      content: message.text,
      ...(calls.length > 0
        ? {
            toolCalls: calls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: call.arguments },
            })),
          }
        : {}),
    };
    produced.push(assistant);
    for (const call of calls) {
      if (call.result === undefined) continue;
      const result: ToolMessage = {
        id: toolResultMessageId(message.messageId, call.id),
        role: 'tool',
        toolCallId: call.id,
        content: call.result,
      };
      produced.push(result);
    }
  }
  const byId = new Map(produced.map((message) => [message.id, message]));
  const omitted = new Set(
    base
      .filter((message) => omitMessageId !== undefined && isAttemptOf(message.id, omitMessageId))
      .map((message) => message.id),
  );
  const merged = base
    .filter((message) => !omitted.has(message.id))
    .map((message) => byId.get(message.id) ?? message);
  const present = new Set(merged.map((message) => message.id));
  return [...merged, ...produced.filter((message) => !present.has(message.id))];
}

function isAttemptOf(id: string, messageId: string): boolean {
  return id === messageId || id.startsWith(`${messageId}-attempt-`);
}
