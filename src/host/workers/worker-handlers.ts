import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { WorkerSupervisor } from './worker-supervisor';

export type WorkerChannel =
  | 'listWorkers'
  | 'addWorker'
  | 'startWorker'
  | 'stopWorker'
  | 'killWorker'
  | 'restartWorker'
  | 'removeWorker'
  | 'setWorkerTaskQueue';

/** The Workers panel: each verb goes to the supervisor, which tells the windows every change. */
export function workerHandlers(supervisor: WorkerSupervisor): Pick<InvokeHandlers, WorkerChannel> {
  return {
    listWorkers: async () => supervisor.list(),
    addWorker: async (request) => supervisor.add(request ?? {}),
    startWorker: async ({ workerId }) => supervisor.start(workerId),
    stopWorker: ({ workerId }) => supervisor.stop(workerId),
    killWorker: ({ workerId }) => supervisor.kill(workerId),
    restartWorker: ({ workerId }) => supervisor.restart(workerId),
    removeWorker: ({ workerId }) => supervisor.remove(workerId),
    setWorkerTaskQueue: ({ workerId, taskQueue }) => supervisor.setTaskQueue(workerId, taskQueue),
  };
}
