import type { ReactNode } from 'react';
import type { PendingApproval } from '../../../../shared/models';
import { formatClock } from '../../format/format-clock';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';

/** What a question on a paused run shows: its words, its details, and how each answer is worded. */
interface ApprovalQuestionProps {
  readonly approval: PendingApproval;
  /** The card's accessible name. */
  readonly label: string;
  readonly question: ReactNode;
  readonly yes: string;
  readonly no: string;
  /** Offers "yes, and never ask again in this conversation" with these words. */
  readonly alwaysAllow?: string;
  readonly children?: ReactNode;
}

/** A run paused on a question (a tool's approval, a spent budget): the question, when it expires, the answers. */
export function ApprovalQuestion({
  approval,
  label,
  question,
  yes,
  no,
  alwaysAllow,
  children,
}: ApprovalQuestionProps) {
  const answering = useAppStore((state) => state.answering.includes(approval.toolCallId));
  const answerApproval = useAppStore((state) => state.answerApproval);
  const remaining = new Date(approval.expiresAt).getTime() - useNow(true);
  return (
    <section className="chat-card approval-card" aria-label={label}>
      <header>
        <Icon name="alert" size={14} />
        <span>{question}</span>
        <span className="approval-expiry">
          {remaining > 0 ? `expires in ${formatClock(remaining)}` : 'expiring…'}
        </span>
      </header>
      {children}
      <div className="approval-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={answering}
          onClick={() => void answerApproval(approval, true)}
        >
          <Icon name="check" size={14} /> {yes}
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          disabled={answering}
          onClick={() => void answerApproval(approval, false)}
        >
          <Icon name="close" size={14} /> {no}
        </button>
        {alwaysAllow && (
          <button
            type="button"
            className="button button-ghost"
            disabled={answering}
            onClick={() => void answerApproval(approval, true, true)}
          >
            {alwaysAllow}
          </button>
        )}
      </div>
    </section>
  );
}
