import { useAppStore } from '../../store/app-store';

/** Shown while the connection to the host is down (web mode: the host restarts or the socket broke). */
export function ConnectionBanner() {
  const connection = useAppStore((state) => state.connection);
  if (connection === 'open') return null;
  return (
    <div className="connection-banner" role="status">
      {connection === 'connecting'
        ? 'Connecting to the host…'
        : 'Connection to the host lost — reconnecting…'}
    </div>
  );
}
