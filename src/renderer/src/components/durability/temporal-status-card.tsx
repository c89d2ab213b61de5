import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { PanelSection } from './panel-section';

const stateLabels = {
  starting: 'starting',
  ready: 'connected',
  unreachable: 'unreachable',
  stopped: 'stopped',
};

/** Where runs live: Temporal's address and namespace, its state, and a link to its Web UI. */
export function TemporalStatusCard() {
  const temporal = useAppStore((state) => state.temporal);
  return (
    <PanelSection title="Temporal">
      {temporal ? (
        <div className="temporal-card">
          <div className="status-line">
            <span className={`state-pill state-${temporal.state}`}>{stateLabels[temporal.state]}</span>
            <span className="muted">
              {temporal.source === 'embedded' ? 'embedded dev server' : 'external'}
            </span>
          </div>
          <dl className="facts">
            <dt>Address</dt>
            <dd>
              <code>{temporal.address}</code>
            </dd>
            <dt>Namespace</dt>
            <dd>
              <code>{temporal.namespace}</code>
            </dd>
          </dl>
          {temporal.error && <p className="error-text">{temporal.error}</p>}
          {temporal.webUiUrl && (
            <a className="link" href={temporal.webUiUrl} target="_blank" rel="noreferrer noopener">
              Open the Temporal Web UI <Icon name="external" size={12} />
            </a>
          )}
        </div>
      ) : (
        <p className="muted">Connecting…</p>
      )}
    </PanelSection>
  );
}
