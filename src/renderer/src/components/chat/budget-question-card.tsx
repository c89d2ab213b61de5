import type { PendingApproval } from '../../../../shared/models';
import { ApprovalQuestion } from './approval-question';

/** A run paused at a budget limit asks whether to go on: "Budget of 1,000 tokens reached — continue with 1,000 more?" */
export function BudgetQuestionCard({ approval }: { readonly approval: PendingApproval }) {
  return (
    <ApprovalQuestion
      approval={approval}
      label="Budget question"
      question={approval.reason ?? 'The budget is spent — continue?'}
      yes="Continue"
      no="End the run"
    />
  );
}
