import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { PanelSection } from './panel-section';
import { WorkerRow } from './worker-row';

/** The worker processes polling Temporal: Stop, Kill -9, Restart each; add more. */
export function WorkerRoster() {
  const workers = useAppStore((state) => state.workers);
  const addWorker = useAppStore((state) => state.addWorker);
  return (
    <PanelSection
      title="Workers"
      actions={
        <button type="button" className="button button-small" onClick={() => void addWorker()}>
          <Icon name="plus" size={14} /> Add worker
        </button>
      }
    >
      {workers.length === 0 ? (
        <p className="muted">No worker. Runs wait for one (interactive mode gives up after its timeout).</p>
      ) : (
        <ul className="card-list worker-list" aria-label="Worker roster">
          {workers.map((worker) => (
            <WorkerRow key={worker.id} worker={worker} />
          ))}
        </ul>
      )}
    </PanelSection>
  );
}
