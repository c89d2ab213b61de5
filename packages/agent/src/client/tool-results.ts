import { AgentError } from '../common/errors';
import type { ConversationMessage, ToolCall } from '../common/types';
import type { ToolResult } from './agent-options';

/**
 * The tool messages for the results of client-side tool calls. The conversation's last run must have left
 * those calls pending (an assistant message's tool calls without a tool message), and results given must
 * answer every pending call: a model refuses a conversation with an unanswered tool call.
 */
export function toolResultMessages(
  transcript: readonly ConversationMessage[],
  results: readonly ToolResult[],
): ConversationMessage[] {
  if (results.length === 0) return [];
  const pending = pendingToolCalls(transcript);
  const messages = results.map((result): ConversationMessage => {
    const call = pending.find((each) => each.id === result.toolCallId);
    if (!call) {
      const waiting = pending.map((each) => `"${each.id}"`).join(', ') || 'none';
      throw new AgentError(
        'invalid-input',
        `no tool call "${result.toolCallId}" is waiting for a result in this conversation (waiting: ${waiting})`,
      );
    }
    return { role: 'tool', toolCallId: call.id, toolName: call.name, content: result.content };
  });
  const missing = pending.filter((call) => !results.some((result) => result.toolCallId === call.id));
  if (missing.length > 0) {
    const names = missing.map((call) => `"${call.id}" (${call.name})`).join(', ');
    throw new AgentError('invalid-input', `the conversation waits for the result of tool call ${names}`);
  }
  return messages;
}

/** Tool calls of the conversation's last assistant message with tool calls that have no tool message. */
function pendingToolCalls(transcript: readonly ConversationMessage[]): ToolCall[] {
  for (let index = transcript.length - 1; index >= 0; index--) {
    const message = transcript[index]!;
    if (message.role === 'user') return [];
    if (message.role !== 'assistant' || !message.toolCalls?.length) continue;
    const answered = new Set(
      transcript.slice(index + 1).flatMap((each) => (each.role === 'tool' ? [each.toolCallId] : [])),
    );
    return message.toolCalls.filter((call) => !answered.has(call.id));
  }
  return [];
}
