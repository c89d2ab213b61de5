import { useAppStore } from '../../store/app-store';
import { ApprovalCard } from './approval-card';

/** The run's tool calls waiting for Approve / Reject (from the host: they survive any restart). */
export function ApprovalList({ runId }: { readonly runId: string }) {
  const approvals = useAppStore((state) => state.approvalsByRun[runId]);
  if (!approvals || approvals.length === 0) return null;
  return (
    <div className="approval-list">
      {approvals.map((approval) => (
        <ApprovalCard key={approval.toolCallId} approval={approval} />
      ))}
    </div>
  );
}
