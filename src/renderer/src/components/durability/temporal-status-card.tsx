import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { PanelSection } from './panel-section';

const stateLabels = {
  starting: 'starting',
  ready: 'connected',
  unreachable: 'unreachable',
  stopped: 'stopped',
};

/** Where runs live: Temporal's state, address and namespace, and a link to its Web UI. */
export function TemporalStatusCard() {
  const temporal = useAppStore((state) => state.temporal);
  return (
    <PanelSection
      title="Temporal"
      actions={
        temporal?.webUiUrl && (
          <a className="link" href={temporal.webUiUrl} target="_blank" rel="noreferrer noopener">
            Web UI <Icon name="external" size={12} />
          </a>
        )
      }
    >
      {temporal ? (
        <div className="temporal-card">
          <div className="status-line">
            <span className={`state-pill state-${temporal.state}`}>{stateLabels[temporal.state]}</span>
            <code title="Address">{temporal.address}</code>
            <span className="muted" title="Namespace">
              namespace <code>{temporal.namespace}</code>
            </span>
          </div>
          <p className="muted">
            {temporal.source === 'embedded'
              ? 'The app\u2019s embedded dev server'
              : 'An external Temporal service'}
          </p>
          {temporal.error && <p className="error-text">{temporal.error}</p>}
        </div>
      ) : (
        <p className="muted">Connecting…</p>
      )}
    </PanelSection>
  );
}
