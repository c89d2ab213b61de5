import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { AgentClients } from '../agent/agent-clients';
import type { HostEvents } from '../host-events';
import type { WorkerSupervisor } from '../workers/worker-supervisor';
import type { ModelEndpoint } from './model-endpoint';
import type { SettingsKey, SettingsStore } from './settings-store';

export type SettingsChannel = 'getSettings' | 'saveSettings';

/** Settings the Agent clients are made with: a change makes them anew. */
const agentKeys: readonly SettingsKey[] = [
  'mode',
  'timeoutMs',
  'taskQueue',
  'approvalPolicy',
  'budget',
  'prices',
];
/** Settings a worker is started with: a change restarts the running ones. */
const workerKeys: readonly SettingsKey[] = ['modelBaseUrl', 'modelName', 'apiKey'];

/**
 * The app's Settings. Saving applies what changed: Agent clients made anew, the model prepared, workers
 * moved to a new task queue, a new Temporal switched to (`switchTemporal`), or running workers restarted.
 */
export function settingsHandlers(context: {
  readonly settings: SettingsStore;
  readonly events: HostEvents;
  readonly agents: AgentClients;
  readonly model: ModelEndpoint;
  readonly supervisor: WorkerSupervisor;
  /** Switches to the Temporal the settings now name (embedded or external): see `HostTemporal.switch`. */
  readonly switchTemporal: () => Promise<void>;
}): Pick<InvokeHandlers, SettingsChannel> {
  const { settings, supervisor } = context;
  return {
    getSettings: async () => settings.get(),
    saveSettings: async (request) => {
      const before = settings.stored();
      const changed = settings.save(request);
      if (changed.size === 0) return settings.get();
      const after = settings.stored();
      if (agentKeys.some((key) => changed.has(key))) context.agents.invalidate();
      await context.model.prepare(after);
      if (changed.has('taskQueue')) await supervisor.moveQueue(before.taskQueue, after.taskQueue);
      // A new Temporal: agents made anew, runs followed again, running workers restarted onto it.
      if (changed.has('temporalAddress')) await context.switchTemporal();
      else if (workerKeys.some((key) => changed.has(key))) await supervisor.restartRunning();
      const current = settings.get();
      context.events.emit('settingsChanged', current);
      return current;
    },
  };
}
