import type { AgentClients } from './agent/agent-clients';
import type { HostCore } from './host-core';
import type { RunCoordinator } from './runs/run-coordinator';
import type { FiredRunImport } from './schedules/fired-run-import';
import type { HostTemporal } from './temporal/host-temporal';
import type { WorkerSupervisor } from './workers/worker-supervisor';

/** The host's parts once assembled (`createHost`): what the handlers and the host's start and quit use. */
export interface HostParts extends HostCore {
  readonly temporal: HostTemporal;
  readonly agents: AgentClients;
  readonly runs: RunCoordinator;
  readonly supervisor: WorkerSupervisor;
  readonly firedRuns: FiredRunImport;
}
