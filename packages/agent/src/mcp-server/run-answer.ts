import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AgentRun } from '../client/agent-run';
import type { AgentRunResult, PendingApproval } from '../common/types';

/**
 * A finished run as `ask_<agent>`'s result: the answer as text, and `{ answer, conversation, run }` as
 * structured content (the conversation to pass back to continue it). A run that did not complete is a
 * tool error that says how it ended, with the partial text it kept.
 */
export function runAnswer(run: AgentRun, result: AgentRunResult): CallToolResult {
  if (result.status === 'completed') {
    return {
      content: [{ type: 'text', text: result.text }],
      structuredContent: { answer: result.text, conversation: run.conversationId, run: run.id },
    };
  }
  const reason = result.error ? `: ${result.error.message}` : '';
  const partial = result.text ? `\n\nPartial answer:\n${result.text}` : '';
  return {
    content: [{ type: 'text', text: `The run ${run.id} ended ${result.status}${reason}.${partial}` }],
    isError: true,
  };
}

/** A run waiting for a person's approval, in words: what waits, until when, and where to answer it. */
export function approvalWaiting(run: AgentRun, approvals: readonly PendingApproval[]): string {
  const waiting = approvals
    .map((approval) => `${approval.toolName} ${approval.arguments} (expires ${approval.expiresAt})`)
    .join('; ');
  return `The run ${run.id} is waiting for a person to approve a tool call: ${waiting}. This call cannot answer it: approve or reject it through the library ((await agent.attach('${run.id}')).approve(toolCallId, { approved })), or start mcp-server with --approval-policy auto. Called with a task, tasks/get says input_required until it is answered or expires.`;
}
