import path from 'node:path';
import { openHistoryWithNotices } from './history/history-notices';
import type { HistoryStore } from './history/history-store';
import { HostEvents } from './host-events';
import { HostNotices } from './host-notices';
import type { HostOptions } from './host-options';
import { type HostSettings, loadHostSettings } from './settings/host-settings';

/** What every other part of the host is made with: its folder, log, events, notices, history and settings. */
export interface HostCore extends HostSettings {
  readonly dataDir: string;
  readonly log: (line: string) => void;
  readonly events: HostEvents;
  readonly notices: HostNotices;
  readonly store: HistoryStore;
  /** Files attached to messages, content-addressed; workers read them from here when they call the model. */
  readonly attachmentFolder: string;
  /** Tells every window the conversation list (after a conversation was added, renamed, changed…). */
  readonly conversationsChanged: () => void;
}

/** Events and notices first (opening the history or the settings may have something to say), then those. */
export function openHostCore(options: HostOptions): HostCore {
  const { dataDir } = options;
  const log = options.log ?? (() => undefined);
  const events = new HostEvents((error) => log(`an event listener failed: ${String(error)}`));
  const notices = new HostNotices(events, log);
  const store = openHistoryWithNotices(path.join(dataDir, 'history.db'), notices);
  return {
    ...loadHostSettings(options, store, notices),
    dataDir,
    log,
    events,
    notices,
    store,
    attachmentFolder: path.join(dataDir, 'attachments'),
    conversationsChanged: () => events.emit('conversationsChanged', store.conversations.summaries()),
  };
}
