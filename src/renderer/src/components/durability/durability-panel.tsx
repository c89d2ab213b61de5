import { ActiveScenario } from '../scenarios/active-scenario';
import { CurrentRun } from './current-run';
import { TemporalStatusCard } from './temporal-status-card';
import { WorkerRoster } from './worker-roster';

/** Right column: what makes the answer durable, live — Temporal, the workers, the current run. */
export function DurabilityPanel() {
  return (
    <aside className="durability" aria-label="Durability panel">
      <ActiveScenario />
      {/* Scrolls on its own below a scenario's steps: the steps and the run stay side by side in view. */}
      <div className="durability-live">
        <TemporalStatusCard />
        <WorkerRoster />
        <CurrentRun />
      </div>
    </aside>
  );
}
