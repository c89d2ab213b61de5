import type { TemporalStatus } from '../../../../shared/models';
import { isTemporalDown } from '../../../../shared/temporal-availability';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { PanelSection } from './panel-section';
import { TemporalOutageNotice } from './temporal-outage-notice';

const stateLabels = {
  starting: 'starting',
  ready: 'connected',
  unreachable: 'unreachable',
  stopped: 'stopped',
};

/** `restarting` while a dev server that went away starts again; otherwise the state's own word. */
function stateLabel(temporal: TemporalStatus): string {
  return temporal.state === 'starting' && temporal.downSince ? 'restarting' : stateLabels[temporal.state];
}

/** Where runs live: Temporal's state, address and namespace, an outage (since when, restarts), the Web UI. */
export function TemporalStatusCard() {
  const temporal = useAppStore((state) => state.temporal);
  const down = temporal !== undefined && isTemporalDown(temporal);
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
        <div className="temporal-card" data-state={temporal.state}>
          <div className="status-line">
            <span className={`state-pill state-${temporal.state}`}>{stateLabel(temporal)}</span>
            <code title="Address">{temporal.address}</code>
            <span className="muted" title="Namespace">
              namespace <code>{temporal.namespace}</code>
            </span>
          </div>
          <p className="muted">
            {temporal.source === 'embedded'
              ? 'The app\u2019s embedded dev server'
              : 'An external Temporal service'}
            {temporal.pid !== undefined && (
              <>
                {' · '}
                <span data-testid="temporal-pid">pid {temporal.pid}</span>
              </>
            )}
            {temporal.restarts > 0 && (
              <>
                {' · '}restarted {temporal.restarts} time{temporal.restarts === 1 ? '' : 's'}
              </>
            )}
          </p>
          {temporal.logSummary && (
            <p className="muted" data-testid="temporal-log-summary" title={temporal.logSummary}>
              {temporal.logSummary}
            </p>
          )}
          {temporal.progress && (
            <p className="muted" data-testid="temporal-progress">
              {temporal.progress}
            </p>
          )}
          {down ? (
            <TemporalOutageNotice downSince={temporal.downSince} error={temporal.error} />
          ) : (
            temporal.error && <p className="error-text">{temporal.error}</p>
          )}
        </div>
      ) : (
        <p className="muted">Connecting…</p>
      )}
    </PanelSection>
  );
}
