import type { WorkerActivity, WorkerInfo } from '../../../../shared/models';
import { formatUptime } from '../../format/format-clock';
import { useNow } from '../../format/use-now';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { IconButton } from '../common/icon-button';
import { TaskQueueField } from './task-queue-field';
import { isWorkerRunning, workerStatusText } from './worker-status-text';

/** One worker: status, pid, uptime, task queue, what it runs now, and its controls. */
export function WorkerRow({ worker }: { readonly worker: WorkerInfo }) {
  const workerAction = useAppStore((state) => state.workerAction);
  const running = isWorkerRunning(worker.status);
  const now = useNow((running && worker.startedAt !== undefined) || worker.restartAt !== undefined);
  const { label, id } = worker;
  const act = (verb: Parameters<typeof workerAction>[0]) => () => void workerAction(verb, id);
  return (
    <li className="card-list-item worker-row" aria-label={label} data-state={worker.status.state}>
      <div className="card-list-head">
        <span className={`state-dot state-${worker.status.state}`} aria-hidden="true" />
        <span className="worker-label">{label}</span>
        <span className={`state-pill state-${worker.status.state}`}>{workerStatusText(worker.status)}</span>
        <span className="worker-meta">
          {worker.pid !== undefined && running && <>pid {worker.pid}</>}
          {running && worker.startedAt && (
            <> · up {formatUptime(now - new Date(worker.startedAt).getTime())}</>
          )}
          {worker.standby && (
            <span title="A second process, started and connected but not polling: Start or Restart hands over to it at once">
              {' '}
              · standby {worker.standby.ready ? 'ready' : 'starting'}
            </span>
          )}
        </span>
      </div>
      <TaskQueueField worker={worker} />
      {worker.current && (
        <p className="worker-current">
          <span className="spinner" aria-hidden="true" />
          {currentText(worker.current)}
        </p>
      )}
      {worker.lastError && <p className="error-text">{worker.lastError}</p>}
      {worker.restartAt && (
        <p className="muted worker-restart">
          ended by itself · starting again in {formatUptime(new Date(worker.restartAt).getTime() - now)}
        </p>
      )}
      <div className="worker-actions">
        {running ? (
          <>
            <button
              type="button"
              className="button button-small"
              aria-label={`Stop ${label}`}
              title="Graceful stop (like Ctrl+C): in-flight work is handed back at once"
              disabled={worker.status.state === 'stopping'}
              onClick={act('stopWorker')}
            >
              <Icon name="power" size={14} /> Stop
            </button>
            <button
              type="button"
              className="button button-small button-danger-outline"
              aria-label={`Kill -9 ${label}`}
              title="SIGKILL: a crash with no cleanup"
              onClick={act('killWorker')}
            >
              <Icon name="bolt" size={14} /> Kill -9
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button-small"
          aria-label={`Restart ${label}`}
          onClick={act('restartWorker')}
        >
          <Icon name="refresh" size={14} /> Restart
        </button>
        {!running && (
          <IconButton icon="trash" label={`Remove ${label}`} title="Remove" onClick={act('removeWorker')} />
        )}
      </div>
    </li>
  );
}

/** What the worker runs now; "attempt N" only for a retry (a first call is just a call). */
function currentText(current: WorkerActivity): string {
  const what =
    current.activity === 'callTool'
      ? 'running a tool call'
      : current.activity === 'listTools'
        ? "listing the run's tools"
        : current.activity === 'compactMessages'
          ? 'summarising earlier turns'
          : 'running a model call';
  return current.attempt > 1 ? `${what}, attempt ${current.attempt}` : what;
}
