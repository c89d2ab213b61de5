import { useAppStore } from '../../store/app-store';
import { ModalDialog } from '../common/modal-dialog';
import { scenarioCatalog } from './scenario-catalog';

/** The seed's scenarios; picking one pins its walkthrough on top of the durability panel. */
export function ScenarioGuideDialog() {
  const openDialog = useAppStore((state) => state.openDialog);
  const setActiveScenario = useAppStore((state) => state.setActiveScenario);
  return (
    <ModalDialog title="Scenario guide" onClose={() => openDialog(undefined)} wide>
      <p className="muted">
        The durability scenarios of the two-terminal "durable agent" flow, played with this app: the worker
        roster is terminal 1, this window is terminal 2. Pick one to follow it step by step beside the live
        panel.
      </p>
      <ul className="scenario-grid">
        {scenarioCatalog.map((scenario) => (
          <li key={scenario.id}>
            <button
              type="button"
              className="choice-card scenario-choice"
              onClick={() => {
                setActiveScenario(scenario.id);
                openDialog(undefined);
              }}
            >
              <span className="visually-hidden">Scenario {scenario.id}:</span>
              <span className="scenario-number" aria-hidden="true">
                {scenario.id}
              </span>
              <span className="scenario-title">{scenario.title}</span>
              <span className="scenario-summary">{scenario.summary}</span>
            </button>
          </li>
        ))}
      </ul>
    </ModalDialog>
  );
}
