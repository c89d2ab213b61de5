import { assertNever } from '../../../../shared/assert-never';
import type { WorkerInfo } from '../../../../shared/models';
import { api } from '../../api';
import type { AppState } from '../../store/app-state';
import { useAppStore } from '../../store/app-store';
import { selectCurrentRunId } from '../../store/selectors';
import { isWorkerRunning } from '../durability/worker-status-text';
import type { ScenarioAction } from './scenario-types';

const running = (worker: WorkerInfo) => isWorkerRunning(worker.status) && worker.status.state !== 'stopping';

/** The worker to stop or kill: the one running the current answer, else the first running one. */
function targetWorker(state: AppState): WorkerInfo | undefined {
  const runId = selectCurrentRunId(state);
  return (
    state.workers.find((worker) => running(worker) && runId && worker.current?.runId === runId) ??
    state.workers.find(running)
  );
}

/** Does what a scenario step's button says, through the same store verbs as the rest of the UI. */
export async function runScenarioAction(action: ScenarioAction): Promise<void> {
  const state = useAppStore.getState();
  const queue = state.settings?.taskQueue ?? 'agent';
  switch (action.kind) {
    case 'ensure-worker': {
      const ready = state.workers.find((worker) => running(worker) && worker.taskQueue === queue);
      if (ready) return state.notify(`${ready.label} is already running on "${queue}".`, 'info');
      const stopped = state.workers.find((worker) => !running(worker) && worker.taskQueue === queue);
      if (stopped) return state.workerAction('restartWorker', stopped.id);
      return state.addWorker(queue);
    }
    case 'send':
      if (action.newConversation) await state.selectConversation(undefined);
      await state.sendMessage(action.prompt);
      return;
    case 'stop-worker':
    case 'kill-worker': {
      const worker = targetWorker(state);
      if (!worker) return state.notify('No worker is running.', 'info');
      return state.workerAction(action.kind === 'stop-worker' ? 'stopWorker' : 'killWorker', worker.id);
    }
    case 'restart-worker': {
      const worker = state.workers.find((each) => !running(each)) ?? state.workers[0];
      if (!worker) return state.addWorker(queue);
      return state.workerAction('restartWorker', worker.id);
    }
    case 'add-worker':
      return state.addWorker(queue);
    case 'stop-all-workers':
      await Promise.all(
        state.workers.filter(running).map((worker) => state.workerAction('stopWorker', worker.id)),
      );
      return;
    case 'set-timeout':
      await state.saveSettings({ timeoutMs: action.timeoutMs });
      return;
    case 'move-workers': {
      const target = action.taskQueue === 'default' ? queue : action.taskQueue;
      await Promise.all(state.workers.map((worker) => state.setWorkerTaskQueue(worker.id, target)));
      return;
    }
    case 'reload-page':
      window.location.reload();
      return;
    case 'kill-temporal':
      await state.attempt('Killing Temporal', () => api().killTemporal());
      return;
    case 'start-temporal':
      if (state.temporal?.state === 'ready') return state.notify('Temporal is already running.', 'info');
      await state.attempt('Starting Temporal', () => api().startTemporal());
      return;
    default:
      return assertNever(action);
  }
}
