import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { ApprovalDecision, PendingApproval } from '../common/types';

/** Asks the person behind the MCP client about one pending approval; `undefined` when the client cannot ask. */
export type AskApproval = (approval: PendingApproval) => Promise<ApprovalDecision>;

/**
 * Approvals through MCP elicitation, when the client supports forms (stdio: one server per connection,
 * which knows its client). A declined or dismissed form rejects the call.
 */
export function elicitApproval(server: Server, signal: AbortSignal): AskApproval | undefined {
  if (server.getClientCapabilities()?.elicitation === undefined) return undefined;
  return async (approval) => {
    const reason = approval.reason ? ` (${approval.reason})` : '';
    const answer = await server.elicitInput(
      {
        mode: 'form',
        message: `The agent wants to call ${approval.toolName} with ${approval.arguments}${reason}. Approve it?`,
        requestedSchema: {
          type: 'object',
          properties: {
            approve: { type: 'boolean', title: 'Approve', description: `run ${approval.toolName}` },
          },
          required: ['approve'],
        },
      },
      { signal },
    );
    const approved = answer.action === 'accept' && answer.content?.approve === true;
    return {
      approved,
      reason: approved ? 'approved through the MCP client' : 'rejected through the MCP client',
    };
  };
}
