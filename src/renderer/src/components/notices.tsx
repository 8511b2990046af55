import { useKeyport } from '../store/store-context';

/** Toasts. The live region is always mounted so screen readers announce what is added to it. */
export function Notices() {
  const notices = useKeyport((s) => s.notices);
  const dismissNotice = useKeyport((s) => s.dismissNotice);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notifications">
      {notices.map((notice) => (
        <div key={notice.id} className="notice">
          <span className="notice__text">{notice.text}</span>
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
