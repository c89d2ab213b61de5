import { ApiError } from '../../shared/api-error';
import type { InvokeHandlers } from '../../shared/ipc-contract';
import type { HostTemporal } from './host-temporal';

export type TemporalChannel = 'getTemporalStatus' | 'killTemporal' | 'startTemporal';

/** The Temporal card: its status, and killing or starting the embedded dev server (never an external one). */
export function temporalHandlers(temporal: HostTemporal): Pick<InvokeHandlers, TemporalChannel> {
  return {
    getTemporalStatus: async () => temporal.current.status(),
    killTemporal: async () => {
      if (temporal.current.killEmbedded() === undefined)
        throw new ApiError(
          'conflict',
          'there is no embedded Temporal started by this app to kill (an external or reused server is left alone)',
        );
      return temporal.current.status();
    },
    startTemporal: async () => {
      temporal.current.startEmbeddedNow();
      return temporal.current.status();
    },
  };
}
