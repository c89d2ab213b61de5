import type { StateCreator } from 'zustand';
import type { AttachmentsSlice } from './attachments-slice';
import type { ChatSlice } from './chat-slice';
import type { HostNoticesSlice } from './host-notices-slice';
import type { InterfaceSlice } from './interface-slice';
import type { McpSlice } from './mcp-slice';
import type { RunsSlice } from './runs-slice';
import type { SchedulesSlice } from './schedules-slice';
import type { SettingsSlice } from './settings-slice';
import type { TemporalConnectionSlice } from './temporal-connection-slice';
import type { WorkersSlice } from './workers-slice';

/** The whole renderer state: one zustand store made of slices. */
export type AppState = ChatSlice &
  AttachmentsSlice &
  RunsSlice &
  WorkersSlice &
  SettingsSlice &
  InterfaceSlice &
  HostNoticesSlice &
  McpSlice &
  TemporalConnectionSlice &
  SchedulesSlice;

/** A slice sees (and may update) the whole state, but owns only its own fields. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
