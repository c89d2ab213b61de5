import type { Unsubscribe } from '../../../shared/ipc-contract';
import { hostConnection } from '../api';
import { useAppStore } from './app-store';

/** Loads everything the interface shows (at start, and after a reconnect: events may have been missed). */
export async function loadEverything(): Promise<void> {
  const state = useAppStore.getState();
  await Promise.all([
    state.loadConversations(),
    state.loadWorkers(),
    state.loadSettings(),
    state.loadHostNotices(),
    state.loadMcpServers(),
    state.loadOpenRuns(),
    state.reloadSelectedConversation(),
  ]);
}

/** Feeds the host's events into the store; returns the unsubscribe of them all. */
export function connectStore(): Unsubscribe {
  const connection = hostConnection();
  const { api } = connection;
  const state = () => useAppStore.getState();
  // The first load is queued until the socket opens; reload only after a later reconnect.
  let openedBefore = connection.state() === 'open';
  state().setConnection(connection.state());
  const unsubscribes = [
    api.onConversationsChanged((conversations) => state().applyConversations(conversations)),
    api.onMessageUpdated((message) => state().applyMessage(message)),
    api.onRunUpdated((run) => state().applyRun(run)),
    api.onRunEvents((batch) => state().applyRunEvents(batch)),
    api.onTimelineAppended((entry) => state().appendTimeline(entry)),
    api.onWorkersChanged((workers) => state().applyWorkers(workers)),
    api.onTemporalStatusChanged((status) => state().applyTemporal(status)),
    api.onSettingsChanged((settings) => state().applySettings(settings)),
    api.onHostNoticesChanged((notices) => state().applyHostNotices(notices)),
    api.onMcpServersChanged((servers) => state().applyMcpServers(servers)),
    connection.onStateChange((next) => {
      state().setConnection(next);
      if (next !== 'open') return;
      if (openedBefore) void loadEverything();
      openedBefore = true;
    }),
  ];
  void loadEverything();
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
