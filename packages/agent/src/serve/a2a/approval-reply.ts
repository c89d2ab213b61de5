import type { Message } from '@a2a-js/sdk';
import { RequestMalformedError } from '@a2a-js/sdk/errors';
import type { ApprovalDecision, PendingApproval } from '../../common/types';
import { textOfParts } from './task-parts';

const APPROVE = /^(approve|approved|yes|y|ok|allow)\b/i;
const DENY = /^(deny|denied|no|n|reject|rejected)\b/i;

/**
 * The answer a message gives to the approval a task waits for: its text starts with "approve" (yes, ok)
 * or "deny" (no, reject) — the rest is the reason — or a data part says `{ "approved": true|false }`.
 * Anything else is refused, naming the approval and how to answer it.
 */
export function approvalReplyOf(message: Message, approval: PendingApproval): ApprovalDecision {
  for (const part of message.parts) {
    const value =
      part.content?.$case === 'data' ? (part.content.value as Record<string, unknown>) : undefined;
    if (typeof value?.approved === 'boolean') {
      return {
        approved: value.approved,
        ...(typeof value.reason === 'string' ? { reason: value.reason } : {}),
      };
    }
  }
  const text = (textOfParts(message.parts.filter((part) => part.content?.$case === 'text')) ?? '').trim();
  const approved = APPROVE.test(text) ? true : DENY.test(text) ? false : undefined;
  if (approved === undefined) {
    throw new RequestMalformedError(
      `task waits for approval of ${approval.toolName}(${approval.arguments}): reply "approve" or "deny" (or a data part { "approved": true|false })`,
    );
  }
  const reason = text.replace(approved ? APPROVE : DENY, '').replace(/^[\s:,.-]+/, '');
  return { approved, ...(reason ? { reason } : {}) };
}
