import type { ConnectionState } from '../api';
import { readThemeChoice, saveThemeChoice, type ThemeChoice } from '../theme-choice';
import type { SliceCreator } from './app-state';
import { messageOf } from './chat-slice';

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'error' | 'info';
}

export type DialogName = 'settings' | 'scenarios' | 'conversation-settings' | 'schedules';

/**
 * The interface's own state: theme, connection, notices, dialogs and the scenario being walked through.
 * (A fifth slice beside chat, runs, workers and settings: none of those owns these.)
 */
export interface InterfaceSlice {
  readonly theme: ThemeChoice;
  readonly connection: ConnectionState;
  readonly notices: readonly Notice[];
  readonly dialog: DialogName | undefined;
  readonly activeScenarioId: string | undefined;
  setTheme(theme: ThemeChoice): void;
  setConnection(connection: ConnectionState): void;
  notify(text: string, tone?: Notice['tone']): void;
  dismissNotice(id: number): void;
  openDialog(dialog: DialogName | undefined): void;
  setActiveScenario(scenarioId: string | undefined): void;
  /** Runs a host call; a failure becomes a notice "<label> failed: …". Resolves true on success. */
  attempt(label: string, action: () => Promise<unknown>): Promise<boolean>;
}

let nextNoticeId = 1;
const NOTICE_MS = 8000;

export const createInterfaceSlice: SliceCreator<InterfaceSlice> = (set, get) => ({
  theme: readThemeChoice(),
  connection: 'connecting',
  notices: [],
  dialog: undefined,
  activeScenarioId: undefined,

  setTheme(theme) {
    saveThemeChoice(theme);
    set({ theme });
  },

  setConnection(connection) {
    set({ connection });
  },

  notify(text, tone = 'error') {
    const id = nextNoticeId++;
    set((state) => ({ notices: [...state.notices.slice(-3), { id, text, tone }] }));
    setTimeout(() => get().dismissNotice(id), NOTICE_MS);
  },

  dismissNotice(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },

  openDialog(dialog) {
    set({ dialog });
  },

  setActiveScenario(activeScenarioId) {
    set({ activeScenarioId });
  },

  async attempt(label, action) {
    try {
      await action();
      return true;
    } catch (error) {
      get().notify(`${label} failed: ${messageOf(error)}`);
      return false;
    }
  },
});
