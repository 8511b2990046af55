import { useKeyport } from '../store/store-context';
import { Spinner } from './spinner';

/** Toasts. The live region is always mounted so screen readers announce what is added to it. */
export function Notices() {
  const notices = useKeyport((s) => s.notices);
  const dismissNotice = useKeyport((s) => s.dismissNotice);
  const runNoticeAction = useKeyport((s) => s.runNoticeAction);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notifications">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={notice.tone === 'warning' ? 'notice notice--warning' : 'notice'}
        >
          <span className="notice__text">{notice.text}</span>
          {notice.action ? (
            <button
              type="button"
              className="button button--small notice__action"
              aria-disabled={notice.running || undefined}
              onClick={() => void runNoticeAction(notice.id)}
            >
              {notice.running ? <Spinner /> : null}
              {notice.running ? notice.action.busyLabel : notice.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss notification"
            onClick={() => dismissNotice(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
