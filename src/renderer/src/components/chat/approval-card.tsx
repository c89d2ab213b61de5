import { BUDGET_APPROVAL_TOOL } from 'durable-agent/run-view';
import type { PendingApproval } from '../../../../shared/models';
import { formatClock } from '../../format/format-clock';
import { prettyArguments } from '../../format/pretty-arguments';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { ScrollablePre } from '../common/scrollable-pre';
import { BudgetQuestionCard } from './budget-question-card';

/** A tool call asking for permission: what it would run, when the request expires, Approve / Reject. */
export function ApprovalCard({ approval }: { readonly approval: PendingApproval }) {
  const answering = useAppStore((state) => state.answering.includes(approval.toolCallId));
  const answerApproval = useAppStore((state) => state.answerApproval);
  const now = useNow(true);
  const remaining = new Date(approval.expiresAt).getTime() - now;
  if (approval.toolName === BUDGET_APPROVAL_TOOL) return <BudgetQuestionCard approval={approval} />;
  return (
    <section className="chat-card approval-card" aria-label={`Approval for ${approval.toolName}`}>
      <header>
        <Icon name="alert" size={14} />
        <span>
          The agent wants to call <code>{approval.toolName}</code>
        </span>
        <span className="approval-expiry">
          {remaining > 0 ? `expires in ${formatClock(remaining)}` : 'expiring…'}
        </span>
      </header>
      {approval.reason && <p className="approval-reason">{approval.reason}</p>}
      <ScrollablePre className="chat-card-code">{prettyArguments(approval.arguments)}</ScrollablePre>
      <div className="approval-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={answering}
          onClick={() => void answerApproval(approval, true)}
        >
          <Icon name="check" size={14} /> Approve
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          disabled={answering}
          onClick={() => void answerApproval(approval, false)}
        >
          <Icon name="close" size={14} /> Reject
        </button>
        <button
          type="button"
          className="button button-ghost"
          disabled={answering}
          onClick={() => void answerApproval(approval, true, true)}
        >
          Always allow {approval.toolName} in this conversation
        </button>
      </div>
    </section>
  );
}
