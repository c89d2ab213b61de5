import type { HostNotices } from '../host-notices';
import type { HistoryStore } from './history-store';
import { movedAsideMessage, openHistory } from './open-history';

/** The history, its notices: a damaged file moved aside is said; writes failing (a full disk) are said. */
export function openHistoryWithNotices(file: string, notices: HostNotices): HistoryStore {
  const { store, movedAside } = openHistory(file);
  if (movedAside) notices.show('history-moved-aside', 'warning', movedAsideMessage(file, movedAside));
  store.saving.onChange((state) => {
    if (state.kind === 'ok') notices.remove('history-saving');
    else
      notices.show(
        'history-saving',
        'error',
        `Saving to ${file} failed (${state.error}). Answers are kept in Temporal and saved here as soon as ` +
          'writing works again (free some disk space).',
      );
  });
  return store;
}
