import type { TemporalStatus } from '../shared/models';

/** The host as far as the Web UI address goes. */
export interface TemporalStatusSource {
  readonly handlers: { getTemporalStatus(): Promise<TemporalStatus> };
  readonly events: { on(name: 'temporalStatusChanged', listener: (status: TemporalStatus) => void): unknown };
}

/** The current Temporal Web UI address (the one link the app opens, in the system browser). */
export function trackTemporalWebUi(host: TemporalStatusSource): () => string | undefined {
  let webUiUrl: string | undefined;
  let changed = false;
  host.events.on('temporalStatusChanged', (status) => {
    changed = true;
    webUiUrl = status.webUiUrl;
  });
  host.handlers.getTemporalStatus().then(
    (status) => {
      if (!changed) webUiUrl = status.webUiUrl;
    },
    () => undefined,
  );
  return () => webUiUrl;
}
