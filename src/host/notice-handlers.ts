import type { InvokeHandlers } from '../shared/ipc-contract';
import type { HostNotices } from './host-notices';

export type NoticeChannel = 'listHostNotices' | 'dismissHostNotice';

/** The host's notices (history moved aside, saving failing, a key dropped): listed, and dismissed. */
export function noticeHandlers(notices: HostNotices): Pick<InvokeHandlers, NoticeChannel> {
  return {
    listHostNotices: async () => notices.list(),
    dismissHostNotice: async ({ noticeId }) => notices.remove(noticeId),
  };
}
