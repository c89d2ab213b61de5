import { useEffect } from 'react';
import { ChatView } from './components/chat/chat-view';
import { ConversationSettingsDialog } from './components/chat/conversation-settings-dialog';
import { ConnectionBanner } from './components/common/connection-banner';
import { HostNoticeList } from './components/common/host-notice-list';
import { NoticeStack } from './components/common/notice-stack';
import { DurabilityPanel } from './components/durability/durability-panel';
import { ScenarioGuideDialog } from './components/scenarios/scenario-guide-dialog';
import { SchedulesDialog } from './components/schedules/schedules-dialog';
import { SettingsDialog } from './components/settings/settings-dialog';
import { Sidebar } from './components/sidebar/sidebar';
import { useGlobalKeys } from './global-keys';
import { useAppStore } from './store/app-store';
import { applyThemeChoice } from './theme-choice';

/** sidebar | chat | durability panel, plus dialogs and notices. */
export function App() {
  const theme = useAppStore((state) => state.theme);
  const dialog = useAppStore((state) => state.dialog);
  const disconnected = useAppStore((state) => state.connection !== 'open');
  useEffect(() => applyThemeChoice(theme), [theme]);
  useGlobalKeys();
  return (
    <div className="app">
      <ConnectionBanner />
      <HostNoticeList />
      <div className={disconnected ? 'layout is-stale' : 'layout'} aria-busy={disconnected}>
        <Sidebar />
        <ChatView />
        <DurabilityPanel />
      </div>
      {dialog === 'settings' && <SettingsDialog />}
      {dialog === 'scenarios' && <ScenarioGuideDialog />}
      {dialog === 'conversation-settings' && <ConversationSettingsDialog />}
      {dialog === 'schedules' && <SchedulesDialog />}
      <NoticeStack />
    </div>
  );
}
