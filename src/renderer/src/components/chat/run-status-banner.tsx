import { useAppStore } from '../../store/app-store';
import { runDisplay } from '../../store/run-display';
import { WorkerWaitNotice } from '../durability/worker-wait-notice';

/** What a streaming answer waits for: a worker, a retry, an approval, or its first tokens. */
export function RunStatusBanner({ runId, hasText }: { readonly runId: string; readonly hasText: boolean }) {
  const run = useAppStore((state) => state.runs[runId]);
  if (!run) return hasText ? null : <p className="run-banner">Submitting…</p>;
  if (run.following) {
    return (
      <p className="run-banner run-banner-retrying" role="status">
        <span className="spinner" aria-hidden="true" />
        {run.following.message}
        {hasText && run.following.kind !== 'worker-lost' && (
          <span className="banner-detail"> · nothing is lost; the answer continues when it is back</span>
        )}
        {hasText && run.following.kind === 'worker-lost' && (
          <span className="banner-detail"> · nothing is lost; the call starts again on a live worker</span>
        )}
      </p>
    );
  }
  const display = runDisplay(run);
  switch (display.phase) {
    case 'waiting-for-worker':
      return run.view.workerWait ? (
        <WorkerWaitNotice wait={{ ...run.view.workerWait, since: run.startedAt }} />
      ) : null;
    case 'retrying':
      return (
        <p className="run-banner run-banner-retrying" role="status">
          <span className="spinner" aria-hidden="true" />
          Retrying — attempt {display.attempt} ({display.retryReason ?? 'attempt failed'})
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
