import type { ReactNode } from 'react';
import type { PendingApproval } from '../../../../shared/models';
import { formatClock } from '../../format/format-clock';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { Icon, type IconName } from '../common/icon';

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

/** One answer's button: its words, its look, and what it tells the run. */
interface Answer {
  readonly text: string;
  readonly icon?: IconName;
  readonly className: string;
  readonly approved: boolean;
  /** Remember the yes for this tool in this conversation. */
  readonly always: boolean;
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
  const answers: readonly Answer[] = [
    { text: yes, icon: 'check', className: 'button-primary', approved: true, always: false },
    { text: no, icon: 'close', className: 'button-danger-outline', approved: false, always: false },
    ...(alwaysAllow ? [{ text: alwaysAllow, className: 'button-ghost', approved: true, always: true }] : []),
  ];
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
        {answers.map((answer) => (
          <button
            key={answer.className}
            type="button"
            className={`button ${answer.className}`}
            disabled={answering}
            onClick={() => void answerApproval(approval, answer.approved, answer.always)}
          >
            {answer.icon && <Icon name={answer.icon} size={14} />} {answer.text}
          </button>
        ))}
      </div>
    </section>
  );
}
