import type { Settings } from '../../../shared/models';
import type { SaveSettingsRequest } from '../../../shared/request-schemas';
import { api } from '../api';
import type { SliceCreator } from './app-state';

/** The host's settings (the API key only as `hasApiKey`). */
export interface SettingsSlice {
  readonly settings: Settings | undefined;
  loadSettings(): Promise<void>;
  /** Resolves true once saved (the host validates; an error becomes a notice). */
  saveSettings(request: SaveSettingsRequest): Promise<boolean>;
  applySettings(settings: Settings): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: undefined,

  async loadSettings() {
    await get().attempt('Loading the settings', async () => set({ settings: await api().getSettings() }));
  },

  async saveSettings(request) {
    return get().attempt('Saving the settings', async () =>
      set({ settings: await api().saveSettings(request) }),
    );
  },

  applySettings(settings) {
    set({ settings });
  },
});
