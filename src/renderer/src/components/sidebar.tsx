import { EXPIRY_WARNING_DAYS } from '../format';
import { useKeyport } from '../store/store-context';
import { VIEWS, type ViewId } from '../store/views';
import { expiringSoonCount } from '../store/visible-tokens';

/** The view switch; more views are entries in store/views.ts. */
export function Sidebar() {
  const view = useKeyport((s) => s.view);
  const setView = useKeyport((s) => s.setView);
  const expiring = useKeyport((s) => expiringSoonCount(s.tokens, s.now));
  // The count is the one thing the sidebar says about a view: how many tokens need attention.
  const badge = (id: ViewId) => (id === 'tokens' && expiring > 0 ? expiring : null);
  return (
    <nav className="sidebar" aria-label="Views">
      <p className="sidebar__brand" aria-hidden="true">
        Keyport
      </p>
      <ul className="sidebar__list">
        {VIEWS.map((v) => {
          const count = badge(v.id);
          return (
            <li key={v.id}>
              <button
                type="button"
                className="sidebar__item"
                aria-current={view === v.id ? 'page' : undefined}
                aria-label={count === null ? undefined : `${v.label}, ${count} expired or expiring`}
                onClick={() => setView(v.id)}
              >
                {v.label}
                {count === null ? null : (
                  <span
                    className="sidebar__badge"
                    title={`${count === 1 ? '1 token has expired or expires' : `${count} tokens have expired or expire`} within ${EXPIRY_WARNING_DAYS} days`}
                  >
                    {count}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
