import { TEMPORAL_UNREACHABLE_MESSAGE } from '../../../../shared/temporal-availability';
import { formatTimeOfDay } from '../../format/format-clock';
import { useAppStore } from '../../store/app-store';
import { selectTemporalOutage } from '../../store/temporal-selectors';

/** Over the chat while Temporal is down: why nothing can be sent, and that answers resume when it is back. */
export function TemporalOutageBanner() {
  const outage = useAppStore(selectTemporalOutage);
  if (!outage) return null;
  return (
    <div className="temporal-outage-banner" role="alert">
      <span className="spinner" aria-hidden="true" />
      <strong>{TEMPORAL_UNREACHABLE_MESSAGE}</strong>
      {outage.downSince && <span> · down since {formatTimeOfDay(outage.downSince)}</span>}
      <span className="banner-detail"> · answers in progress continue when it is back; nothing is lost</span>
    </div>
  );
}
