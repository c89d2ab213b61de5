import { formatClock } from '../../format/format-clock';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';

/** The interactive worker check: `waiting for a worker on task queue "agent" — 0:07 / 5:00`, Start worker. */
/** A worker check in progress: its queue, its deadline, and when it began (the UI ticks the clock). */
export interface WorkerWait {
  readonly taskQueue: string;
  readonly timeoutMs: number;
  readonly since: string;
}

export function WorkerWaitNotice({ wait }: { readonly wait: WorkerWait }) {
  const now = useNow(true, 500);
  const workers = useAppStore((state) => state.workers);
  const workerAction = useAppStore((state) => state.workerAction);
  const addWorker = useAppStore((state) => state.addWorker);
  const elapsed = Math.min(now - new Date(wait.since).getTime(), wait.timeoutMs);
  const stopped = workers.find(
    (worker) => worker.taskQueue === wait.taskQueue && worker.status.state === 'exited',
  );
  const startWorker = () =>
    stopped ? void workerAction('restartWorker', stopped.id) : void addWorker(wait.taskQueue);
  return (
    <div className="worker-wait" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="worker-wait-text">
        waiting for a worker on task queue "{wait.taskQueue}" —{' '}
        <span className="clock">
          {formatClock(elapsed)} / {formatClock(wait.timeoutMs)}
        </span>
      </span>
      <button type="button" className="button button-small button-primary" onClick={startWorker}>
        <Icon name="play" size={12} /> Start worker
      </button>
    </div>
  );
}
