import { TEMPORAL_UNREACHABLE_MESSAGE } from '../../../../shared/temporal-availability';
import { formatClock, formatTimeOfDay } from '../../format/format-clock';
import { useNow } from '../../format/use-now';

/** While Temporal is down: the app's one sentence for it, since when (a ticking clock), and why. */
export function TemporalOutageNotice({
  downSince,
  error,
}: {
  readonly downSince: string | undefined;
  readonly error: string | undefined;
}) {
  const now = useNow(downSince !== undefined, 500);
  return (
    <div className="temporal-outage" role="status">
      <p className="temporal-outage-title">
        <span className="spinner" aria-hidden="true" />
        {TEMPORAL_UNREACHABLE_MESSAGE}
      </p>
      {downSince && (
        <p className="temporal-outage-since">
          down since {formatTimeOfDay(downSince)} —{' '}
          <span className="clock">{formatClock(now - new Date(downSince).getTime())}</span> · runs go on when
          it is back
        </p>
      )}
      {error && <p className="temporal-outage-error">{error}</p>}
    </div>
  );
}
