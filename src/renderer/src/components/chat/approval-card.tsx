import { BUDGET_APPROVAL_TOOL } from 'durable-agent/run-view';
import type { PendingApproval } from '../../../../shared/models';
import { prettyArguments } from '../../format/pretty-arguments';
import { ScrollablePre } from '../common/scrollable-pre';
import { ApprovalQuestion } from './approval-question';
import { BudgetQuestionCard } from './budget-question-card';

/** A tool call asking for permission: what it would run, when the request expires, Approve / Reject. */
export function ApprovalCard({ approval }: { readonly approval: PendingApproval }) {
  if (approval.toolName === BUDGET_APPROVAL_TOOL) return <BudgetQuestionCard approval={approval} />;
  return (
    <ApprovalQuestion
      approval={approval}
      label={`Approval for ${approval.toolName}`}
      question={
        <>
          The agent wants to call <code>{approval.toolName}</code>
        </>
      }
      yes="Approve"
      no="Reject"
      alwaysAllow={`Always allow ${approval.toolName} in this conversation`}
    >
      {approval.reason && <p className="approval-reason">{approval.reason}</p>}
      <ScrollablePre className="chat-card-code">{prettyArguments(approval.arguments)}</ScrollablePre>
    </ApprovalQuestion>
  );
}
