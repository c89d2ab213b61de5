import type { McpServerStatus } from 'durable-agent';
import type { McpServerSetting } from '../../../../shared/mcp-models';
import type { WorkerInfo } from '../../../../shared/models';

/** A server as the Settings list shows it: a pill (its class and words) and, when there is one, why. */
export interface McpServerDisplay {
  readonly pill: 'state-ready' | 'state-starting' | 'state-exited' | 'state-stopped';
  readonly label: string;
  readonly detail?: string;
  readonly status?: McpServerStatus;
}

/**
 * Every running worker starts its own copy of each server: the list shows the first worker that reports
 * it (workers get the same configuration, so they rarely differ; a failure in one is worth seeing).
 */
export function displayServer(setting: McpServerSetting, workers: readonly WorkerInfo[]): McpServerDisplay {
  if (!setting.enabled) return { pill: 'state-stopped', label: 'disabled' };
  const reports = workers.flatMap(
    (worker) => worker.mcpServers?.filter((each) => each.name === setting.name) ?? [],
  );
  const status = reports.find((each) => each.state === 'failed') ?? reports[0];
  if (!status) {
    const running = workers.some(
      (worker) => worker.status.state === 'ready' || worker.status.state === 'starting',
    );
    return running
      ? { pill: 'state-starting', label: 'connecting' }
      : { pill: 'state-stopped', label: 'not running', detail: 'Start a worker to start its servers.' };
  }
  switch (status.state) {
    case 'ready': {
      const count = status.tools.length;
      return { pill: 'state-ready', label: `ready · ${count} tool${count === 1 ? '' : 's'}`, status };
    }
    case 'connecting':
      return status.error
        ? { pill: 'state-starting', label: 'restarting', detail: status.error, status }
        : { pill: 'state-starting', label: 'connecting', status };
    case 'failed':
      return { pill: 'state-exited', label: 'failed', detail: status.error, status };
    case 'stopped':
      return { pill: 'state-stopped', label: 'stopped', status };
    default:
      return status.state satisfies never;
  }
}
