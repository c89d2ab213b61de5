import { ActiveScenario } from '../scenarios/active-scenario';
import { CurrentRun } from './current-run';
import { TemporalStatusCard } from './temporal-status-card';
import { WorkerRoster } from './worker-roster';

/** Right column: what makes the answer durable, live — Temporal, the workers, the current run. */
export function DurabilityPanel() {
  return (
    <aside className="durability" aria-label="Durability panel">
      <ActiveScenario />
      <TemporalStatusCard />
      <WorkerRoster />
      <CurrentRun />
    </aside>
  );
}
