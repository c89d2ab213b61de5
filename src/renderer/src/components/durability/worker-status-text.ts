import type { WorkerStatus } from '../../../../shared/models';

/** `ready`, `starting`, `exited (SIGKILL)`, `exited (code 0)`. */
export function workerStatusText(status: WorkerStatus): string {
  if (status.state !== 'exited') return status.state;
  if (status.signal) return `exited (${status.signal})`;
  return status.code === null ? 'exited' : `exited (code ${status.code})`;
}

export function isWorkerRunning(status: WorkerStatus): boolean {
  return status.state !== 'exited';
}
