import type { HostNotice } from '../../../shared/models';
import { api } from '../api';
import type { SliceCreator } from './app-state';

/**
 * What the host has to tell the user until it is dismissed or resolved (the history moved aside, saving
 * failing, the API key removed): the host keeps the list, so a window opened later shows it too.
 */
export interface HostNoticesSlice {
  readonly hostNotices: readonly HostNotice[];
  loadHostNotices(): Promise<void>;
  applyHostNotices(notices: readonly HostNotice[]): void;
  dismissHostNotice(noticeId: string): Promise<void>;
}

export const createHostNoticesSlice: SliceCreator<HostNoticesSlice> = (set, get) => ({
  hostNotices: [],

  async loadHostNotices() {
    await get().attempt('Loading the host notices', async () =>
      set({ hostNotices: await api().listHostNotices() }),
    );
  },

  applyHostNotices(hostNotices) {
    set({ hostNotices });
  },

  async dismissHostNotice(noticeId) {
    await get().attempt('Dismissing the notice', () => api().dismissHostNotice({ noticeId }));
  },
});
