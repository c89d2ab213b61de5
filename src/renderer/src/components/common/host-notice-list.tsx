import { useAppStore } from '../../store/app-store';
import { IconButton } from './icon-button';

/** The host's notices (history moved aside, saving failing, API key removed), on top until dismissed. */
export function HostNoticeList() {
  const notices = useAppStore((state) => state.hostNotices);
  const dismiss = useAppStore((state) => state.dismissHostNotice);
  if (notices.length === 0) return null;
  return (
    <div className="host-notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`host-notice host-notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-notice-id={notice.id}
        >
          <span>{notice.text}</span>
          <IconButton icon="close" label="Dismiss notice" onClick={() => void dismiss(notice.id)} />
        </div>
      ))}
    </div>
  );
}
