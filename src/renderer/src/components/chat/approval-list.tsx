import { useMemo } from 'react';
import { useAppStore } from '../../store/app-store';
import { ApprovalCard } from './approval-card';

/** The run's tool calls waiting for Approve / Reject (from the run's view: they survive any restart). */
export function ApprovalList({ runId }: { readonly runId: string }) {
  const run = useAppStore((state) => state.runs[runId]);
  const approvals = useMemo(
    () =>
      (run?.view.approvals ?? []).map((approval) => ({
        ...approval,
        runId,
        conversationId: run!.conversationId,
      })),
    [run, runId],
  );
  if (approvals.length === 0) return null;
  return (
    <div className="approval-list">
      {approvals.map((approval) => (
        <ApprovalCard key={approval.toolCallId} approval={approval} />
      ))}
    </div>
  );
}
