import { useShallow } from 'zustand/react/shallow';
import type { RunInfo } from '../../../../shared/models';
import { formatUptime } from '../../format/format-clock';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { selectOpenRuns } from '../../store/selectors';
import { Icon } from '../common/icon';
import { runStateClass, runStateLabel } from '../durability/run-state-label';

/**
 * Every run still open across all conversations — streaming, waiting for an approval or a worker,
 * retrying — with its state and age: open its conversation, Stop it, Approve what it waits for.
 */
export function RunInbox() {
  const runs = useAppStore(useShallow(selectOpenRuns));
  const now = useNow(runs.length > 0);
  if (runs.length === 0) return null;
  return (
    <section className="run-inbox" aria-label="Run inbox">
      <h2 className="run-inbox-title">
        <Icon name="inbox" size={14} /> Open runs <span className="run-inbox-count">{runs.length}</span>
      </h2>
      <ul className="run-inbox-list">
        {runs.map((run) => (
          <RunInboxItem key={run.id} run={run} now={now} />
        ))}
      </ul>
    </section>
  );
}

function RunInboxItem({ run, now }: { readonly run: RunInfo; readonly now: number }) {
  const title = useAppStore(
    (state) => state.conversations.find((each) => each.id === run.conversationId)?.title ?? 'Conversation',
  );
  const selectConversation = useAppStore((state) => state.selectConversation);
  const stopRun = useAppStore((state) => state.stopRun);
  const answerApproval = useAppStore((state) => state.answerApproval);
  const approval = run.view.approvals[0];
  // The button's name is its own text ("Open" for screen readers only), so it always holds all its visible
  // text, the ticking age too, as WCAG's "label in name" asks.
  const age = formatUptime(now - new Date(run.startedAt).getTime());
  const answering = useAppStore(
    (state) => approval !== undefined && state.answering.includes(approval.toolCallId),
  );
  return (
    <li className="run-inbox-item" aria-label={title}>
      <button
        type="button"
        className="run-inbox-open"
        onClick={() => void selectConversation(run.conversationId)}
      >
        <span className="run-inbox-name">
          <span className="visually-hidden">Open </span>
          {title}
        </span>
        <span className="run-inbox-meta">
          <span className={`run-inbox-state ${runStateClass(run)}`} data-testid="inbox-run-state">
            {runStateLabel(run)}
          </span>
          <span className="run-inbox-age">{age}</span>
        </span>
      </button>
      <div className="run-inbox-actions">
        {approval && (
          <button
            type="button"
            className="button button-primary button-small"
            disabled={answering}
            title={`Approve ${approval.toolName}`}
            onClick={() =>
              void answerApproval({ ...approval, runId: run.id, conversationId: run.conversationId }, true)
            }
          >
            Approve
          </button>
        )}
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => void stopRun(run.id)}
        >
          <Icon name="stop" size={12} /> Stop
        </button>
      </div>
    </li>
  );
}
