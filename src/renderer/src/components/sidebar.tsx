import { useKeyport } from '../store/store-context';
import { VIEWS } from '../store/views';

/** The view switch; more views (registry accounts, …) are entries in store/views.ts. */
export function Sidebar() {
  const view = useKeyport((s) => s.view);
  const setView = useKeyport((s) => s.setView);
  return (
    <nav className="sidebar" aria-label="Views">
      <ul className="sidebar__list">
        {VIEWS.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={view === v.id ? 'page' : undefined}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
