import type { HistoryStore } from './history/history-store';
import type { HostEvents } from './host-events';
import type { HostNotices } from './host-notices';
import type { AgentClients } from './runs/agent-clients';
import type { RunCoordinator } from './runs/run-coordinator';
import type { FiredRunImport } from './schedules/fired-run-import';
import type { HostSettings } from './settings/host-settings';
import type { HostTemporal } from './temporal/host-temporal';
import type { WorkerSupervisor } from './workers/worker-supervisor';

/** The host's parts once assembled (`createHost`): what the handlers and the host's start and quit use. */
export interface HostParts extends HostSettings {
  readonly dataDir: string;
  readonly log: (line: string) => void;
  readonly events: HostEvents;
  readonly notices: HostNotices;
  readonly store: HistoryStore;
  /** Files attached to messages, content-addressed; workers read them from here when they call the model. */
  readonly attachmentFolder: string;
  readonly temporal: HostTemporal;
  readonly agents: AgentClients;
  readonly runs: RunCoordinator;
  readonly supervisor: WorkerSupervisor;
  readonly firedRuns: FiredRunImport;
  /** Tells every window the conversation list (after a conversation was added, renamed, changed…). */
  readonly conversationsChanged: () => void;
}
