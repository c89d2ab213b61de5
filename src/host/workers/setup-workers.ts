import { AGENT_NAME } from '../agent/agent-clients';
import type { HistoryStore } from '../history/history-store';
import { isWriteFailure } from '../history/save-status';
import type { HostEvents } from '../host-events';
import type { RunCoordinator } from '../runs/run-coordinator';
import type { McpSettingsStore } from '../settings/mcp-settings-store';
import type { ModelEndpoint } from '../settings/model-endpoint';
import type { ModelProfiles } from '../settings/model-profiles';
import type { SettingsStore } from '../settings/settings-store';
import type { HostTemporal } from '../temporal/host-temporal';
import type { WorkerLauncher } from './worker-launcher';
import { WorkerSupervisor } from './worker-supervisor';

export interface WorkerParts {
  readonly launcher: WorkerLauncher;
  readonly store: HistoryStore;
  readonly events: HostEvents;
  readonly settings: SettingsStore;
  readonly mcpSettings: McpSettingsStore;
  readonly model: ModelEndpoint;
  readonly profiles: ModelProfiles;
  readonly temporal: HostTemporal;
  readonly attachmentFolder: string;
  readonly graceMs?: number;
  readonly standbyWorkers?: boolean;
  /** Who hears what the workers do: the runs they work for. */
  readonly runs: Pick<RunCoordinator, 'onWorkerEnd' | 'onWorkerHandedBack'>;
}

/**
 * The app's worker processes: each started with the settings, model profiles, MCP servers and Temporal
 * of the moment; their events kept in history.db; started again as soon as Temporal is back.
 */
export function setupWorkers(parts: WorkerParts): WorkerSupervisor {
  const { store, events, settings, model, temporal, runs } = parts;
  const supervisor = new WorkerSupervisor({
    launcher: parts.launcher,
    runtimeConfig: () => {
      const { tls, apiKey } = temporal.credentials();
      return {
        agentName: AGENT_NAME,
        temporalAddress: temporal.current.status().address,
        namespace: temporal.current.status().namespace,
        modelBaseUrl: model.baseUrl(settings.stored()),
        modelName: model.modelName(settings.stored()),
        attachmentFolder: parts.attachmentFolder,
        apiKey: settings.apiKey(),
        mcpServers: parts.mcpSettings.workerServers(),
        modelProfiles: parts.profiles.forWorkers(),
        ...(tls === undefined ? {} : { temporalTls: tls }),
        ...(apiKey === undefined ? {} : { temporalApiKey: apiKey }),
      };
    },
    defaultTaskQueue: () => settings.stored().taskQueue,
    graceMs: parts.graceMs,
    standbyWorkers: parts.standbyWorkers,
    onChange: (workers) => events.emit('workersChanged', workers),
    onEnd: (worker, end) => runs.onWorkerEnd(worker, end),
    onHandedBack: (worker, activity) => runs.onWorkerHandedBack(worker, activity),
    onEvent: (event) => {
      try {
        store.workerEvents.append({ ...event, pid: event.pid ?? null, at: new Date().toISOString() });
        store.saving.succeeded();
      } catch (error) {
        if (!isWriteFailure(error)) throw error;
        store.saving.failed(error); // a worker's history line is not worth stopping supervision for
      }
    },
  });
  // Temporal is back: workers that ended while it was down start now rather than at their next backoff.
  events.on('temporalStatusChanged', (status) => status.state === 'ready' && supervisor.startWaiting());
  return supervisor;
}
