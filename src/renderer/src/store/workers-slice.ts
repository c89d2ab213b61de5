import type { TemporalStatus, WorkerInfo } from '../../../shared/models';
import { api } from '../api';
import type { SliceCreator } from './app-state';

export type WorkerVerb = 'startWorker' | 'stopWorker' | 'killWorker' | 'restartWorker' | 'removeWorker';

const verbLabels: Record<WorkerVerb, string> = {
  startWorker: 'Starting the worker',
  stopWorker: 'Stopping the worker',
  killWorker: 'Killing the worker',
  restartWorker: 'Restarting the worker',
  removeWorker: 'Removing the worker',
};

/** The worker roster and Temporal's status, and the verbs of the durability panel. */
export interface WorkersSlice {
  readonly workers: readonly WorkerInfo[];
  readonly temporal: TemporalStatus | undefined;
  loadWorkers(): Promise<void>;
  workerAction(verb: WorkerVerb, workerId: string): Promise<void>;
  addWorker(taskQueue?: string): Promise<void>;
  setWorkerTaskQueue(workerId: string, taskQueue: string): Promise<boolean>;
  applyWorkers(workers: readonly WorkerInfo[]): void;
  applyTemporal(status: TemporalStatus): void;
}

export const createWorkersSlice: SliceCreator<WorkersSlice> = (set, get) => ({
  workers: [],
  temporal: undefined,

  async loadWorkers() {
    await get().attempt('Loading the workers', async () => {
      const [workers, temporal] = await Promise.all([api().listWorkers(), api().getTemporalStatus()]);
      set({ workers, temporal });
    });
  },

  async workerAction(verb, workerId) {
    await get().attempt(verbLabels[verb], async () => {
      await api()[verb]({ workerId });
    });
  },

  async addWorker(taskQueue) {
    await get().attempt('Adding a worker', async () => {
      await api().addWorker(taskQueue ? { taskQueue } : undefined);
    });
  },

  async setWorkerTaskQueue(workerId, taskQueue) {
    return get().attempt('Changing the task queue', async () => {
      await api().setWorkerTaskQueue({ workerId, taskQueue });
    });
  },

  applyWorkers(workers) {
    set({ workers });
  },

  applyTemporal(temporal) {
    set({ temporal });
  },
});
