import type {
  SaveTemporalConnectionRequest,
  TemporalConnectionSettings,
} from '../../../shared/temporal-connection-models';
import { api } from '../api';
import type { SliceCreator } from './app-state';

/** Settings → "Temporal connection": namespace, TLS, CA, server name, mTLS, API key (secrets write-only). */
export interface TemporalConnectionSlice {
  readonly temporalConnection: TemporalConnectionSettings | undefined;
  loadTemporalConnection(): Promise<void>;
  /** Resolves true once saved (the host validates; an error becomes a notice). */
  saveTemporalConnection(request: SaveTemporalConnectionRequest): Promise<boolean>;
}

export const createTemporalConnectionSlice: SliceCreator<TemporalConnectionSlice> = (set, get) => ({
  temporalConnection: undefined,

  async loadTemporalConnection() {
    await get().attempt('Loading the Temporal connection', async () =>
      set({ temporalConnection: await api().getTemporalConnection() }),
    );
  },

  async saveTemporalConnection(request) {
    return get().attempt('Saving the Temporal connection', async () =>
      set({ temporalConnection: await api().saveTemporalConnection(request) }),
    );
  },
});
