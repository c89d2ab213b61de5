import type { PendingApproval } from '../../../../shared/models';
import { formatClock } from '../../format/format-clock';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';

/** A run paused at a budget limit asks whether to go on: "Budget of 1,000 tokens reached — continue with 1,000 more?" */
export function BudgetQuestionCard({ approval }: { readonly approval: PendingApproval }) {
  const answering = useAppStore((state) => state.answering.includes(approval.toolCallId));
  const answerApproval = useAppStore((state) => state.answerApproval);
  const now = useNow(true);
  const remaining = new Date(approval.expiresAt).getTime() - now;
  return (
    <section className="chat-card approval-card" aria-label="Budget question">
      <header>
        <Icon name="alert" size={14} />
        <span>{approval.reason ?? 'The budget is spent — continue?'}</span>
        <span className="approval-expiry">
          {remaining > 0 ? `expires in ${formatClock(remaining)}` : 'expiring…'}
        </span>
      </header>
      <div className="approval-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={answering}
          onClick={() => void answerApproval(approval, true)}
        >
          <Icon name="check" size={14} /> Continue
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          disabled={answering}
          onClick={() => void answerApproval(approval, false)}
        >
          <Icon name="close" size={14} /> End the run
        </button>
      </div>
    </section>
  );
}
