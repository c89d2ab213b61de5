import type { RunInfo, TimelineEntry } from '../../../../shared/models';
import { useAppStore } from '../../store/app-store';
import { WorkerWaitNotice } from '../durability/worker-wait-notice';

/** The attempt a retrying run is on (or about to start): the lost attempt's successor. */
export function retryAttempt(run: RunInfo, timeline: readonly TimelineEntry[] | undefined): number {
  const lostCurrent = timeline?.some(
    (entry) => entry.kind === 'worker-lost' && entry.attempt === run.currentAttempt,
  );
  return lostCurrent ? run.currentAttempt + 1 : run.currentAttempt;
}

/** What a streaming answer waits for: a worker, a retry, an approval, or its first tokens. */
export function RunStatusBanner({ runId, hasText }: { readonly runId: string; readonly hasText: boolean }) {
  const run = useAppStore((state) => state.runs[runId]);
  const timeline = useAppStore((state) => state.timelineByRun[runId]);
  if (!run) return hasText ? null : <p className="run-banner">Submitting…</p>;
  switch (run.status) {
    case 'waiting-for-worker':
      return run.workerWait ? <WorkerWaitNotice wait={run.workerWait} /> : null;
    case 'retrying':
      return (
        <p className="run-banner run-banner-retrying" role="status">
          <span className="spinner" aria-hidden="true" />
          Retrying — attempt {retryAttempt(run, timeline)} ({run.retryReason ?? 'attempt failed'})
          {hasText && <span className="banner-detail"> · the text above is replaced when it resumes</span>}
        </p>
      );
    case 'awaiting-approval':
      return (
        <p className="run-banner run-banner-approval" role="status">
          Waiting for your approval
        </p>
      );
    case 'submitted':
      return hasText ? null : (
        <p className="run-banner" role="status">
          <span className="spinner" aria-hidden="true" />
          Submitted — waiting for the first tokens…
        </p>
      );
    case 'streaming':
      return hasText ? null : (
        <p className="run-banner" role="status">
          <span className="spinner" aria-hidden="true" />
          Writing…
        </p>
      );
    default:
      return null;
  }
}
