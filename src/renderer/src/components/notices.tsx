import { useEffect } from 'react';
import { tildeText } from '../paths';
import { useKeyport } from '../store/store-context';
import { Spinner } from './spinner';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The toast: one at a time, never over a dialog (it waits until the dialog closes), paths shown
 * as ~/…. Its action (Undo) is also on Ctrl/Cmd+Z, so the keyboard never has to travel to it.
 * The live region is always mounted so screen readers announce what is added to it.
 */
export function Notices() {
  const notices = useKeyport((s) => s.notices);
  const dialogOpen = useKeyport((s) => s.dialog !== null);
  const home = useKeyport((s) => s.home);
  const dismissNotice = useKeyport((s) => s.dismissNotice);
  const runNoticeAction = useKeyport((s) => s.runNoticeAction);
  const notice = dialogOpen ? undefined : notices[notices.length - 1];

  const actionId = notice?.action ? notice.id : null;
  useEffect(() => {
    if (actionId === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      if (event.shiftKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      void runNoticeAction(actionId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actionId, runNoticeAction]);

  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notifications">
      {notice ? (
        <div
          key={notice.id}
          className={notice.tone === 'warning' ? 'notice notice--warning' : 'notice'}
        >
          <span className="notice__text">{tildeText(notice.text, home)}</span>
          {notice.action ? (
            <button
              type="button"
              className="button button--small notice__action"
              aria-disabled={notice.running || undefined}
              aria-keyshortcuts="Control+Z"
              title={`${notice.action.label} (Ctrl+Z)`}
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
      ) : null}
    </div>
  );
}
