import type { ApprovalPolicy } from '../common/types';

/** Whether a call of `toolName` must wait for a person under `policy`. */
export function needsApproval(
  policy: ApprovalPolicy,
  toolName: string,
  toolRequiresApproval: boolean,
): boolean {
  if (policy === 'auto') return false;
  if (policy === 'require-all') return true;
  if (policy === 'tool-defined') return toolRequiresApproval;
  return !policy.allowlist.includes(toolName);
}
