import { create } from 'zustand';
import type { AppState } from './app-state';
import { createAttachmentsSlice } from './attachments-slice';
import { createChatSlice } from './chat-slice';
import { createHostNoticesSlice } from './host-notices-slice';
import { createInterfaceSlice } from './interface-slice';
import { createMcpSlice } from './mcp-slice';
import { createRunsSlice } from './runs-slice';
import { createSchedulesSlice } from './schedules-slice';
import { createSettingsSlice } from './settings-slice';
import { createTemporalConnectionSlice } from './temporal-connection-slice';
import { createWorkersSlice } from './workers-slice';

/** The renderer's one store. Components read it with narrow selectors: `useAppStore((s) => s.workers)`. */
export const useAppStore = create<AppState>()((...parts) => ({
  ...createChatSlice(...parts),
  ...createAttachmentsSlice(...parts),
  ...createRunsSlice(...parts),
  ...createWorkersSlice(...parts),
  ...createSettingsSlice(...parts),
  ...createInterfaceSlice(...parts),
  ...createHostNoticesSlice(...parts),
  ...createMcpSlice(...parts),
  ...createTemporalConnectionSlice(...parts),
  ...createSchedulesSlice(...parts),
}));
