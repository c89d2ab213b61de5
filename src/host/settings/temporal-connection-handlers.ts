import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { TemporalConnectionSettings } from '../../shared/temporal-connection-models';
import type { TemporalConnectionStore } from './temporal-connection-store';

export type TemporalConnectionChannel = 'getTemporalConnection' | 'saveTemporalConnection';

/**
 * Settings → Temporal beyond the address. After a change the app reconnects: the Temporal status is
 * probed again with the new credentials, the agents are made again and running workers restart (a
 * worker's connection, like its model, is fixed while it runs).
 */
export function temporalConnectionHandlers(
  store: TemporalConnectionStore,
  changed: (connection: TemporalConnectionSettings) => Promise<void>,
): Pick<InvokeHandlers, TemporalConnectionChannel> {
  return {
    getTemporalConnection: async () => store.get(),
    saveTemporalConnection: async (request) => {
      if (store.save(request)) await changed(store.get());
      return store.get();
    },
  };
}
