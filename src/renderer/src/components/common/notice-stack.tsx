import { useAppStore } from '../../store/app-store';
import { IconButton } from './icon-button';

/** Errors and confirmations of host calls, bottom right; each fades after a few seconds. */
export function NoticeStack() {
  const notices = useAppStore((state) => state.notices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notice-stack" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <span>{notice.text}</span>
          <IconButton icon="close" label="Dismiss notice" onClick={() => dismiss(notice.id)} />
        </div>
      ))}
    </div>
  );
}
