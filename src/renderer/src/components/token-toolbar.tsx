import { useEffect, useRef } from 'react';
import { ECOSYSTEMS, type Ecosystem } from '../../../shared/types';
import { useKeyport } from '../store/store-context';
import { SORT_KEYS, SORT_LABELS, type SortKey } from '../store/visible-tokens';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Search, ecosystem filter, sort and "Add token"; `/` anywhere (outside a field) jumps to search. */
export function TokenToolbar() {
  const query = useKeyport((s) => s.query);
  const ecosystem = useKeyport((s) => s.ecosystem);
  const sort = useKeyport((s) => s.sort);
  const setQuery = useKeyport((s) => s.setQuery);
  const setEcosystem = useKeyport((s) => s.setEcosystem);
  const setSort = useKeyport((s) => s.setSort);
  const openDialog = useKeyport((s) => s.openDialog);
  const dialogOpen = useKeyport((s) => s.dialog !== null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (dialogOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen]);

  return (
    <div className="toolbar">
      <input
        ref={searchRef}
        type="search"
        className="toolbar__search"
        aria-label="Search tokens"
        aria-keyshortcuts="/"
        placeholder="Search tokens   /"
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            setQuery('');
          }
        }}
      />
      <select
        aria-label="Filter by ecosystem"
        value={ecosystem}
        onChange={(e) => setEcosystem(e.target.value as Ecosystem | 'all')}
      >
        <option value="all">All ecosystems</option>
        {ECOSYSTEMS.map((eco) => (
          <option key={eco} value={eco}>
            {eco}
          </option>
        ))}
      </select>
      <select
        aria-label="Sort by"
        value={sort}
        onChange={(e) => setSort(e.target.value as SortKey)}
      >
        {SORT_KEYS.map((key) => (
          <option key={key} value={key}>
            {SORT_LABELS[key]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--primary"
        onClick={() => openDialog({ kind: 'add-token' })}
      >
        Add token
      </button>
    </div>
  );
}
