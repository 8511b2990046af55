import { useEffect, useRef } from 'react';
import { ECOSYSTEMS, type Ecosystem } from '../../../shared/types';
import { EXPIRY_WARNING_DAYS } from '../format';
import { useKeyport } from '../store/store-context';
import { SORT_KEYS, SORT_LABELS, type SortKey } from '../store/visible-tokens';

const EXPIRING_HINT = `Tokens that have expired or expire within ${EXPIRY_WARNING_DAYS} days`;

const ECOSYSTEM_LABELS: Record<Ecosystem, string> = {
  npm: 'npm',
  maven: 'Maven',
  nuget: 'NuGet',
  pip: 'Python',
  composer: 'Composer',
  rubygems: 'RubyGems',
  other: 'Other',
};

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Above the token list: search (`/` anywhere outside a field jumps to it), the ecosystem filter,
 * "Expired or expiring" and the sort.
 */
export function TokenToolbar({ summary }: { summary: React.ReactNode }) {
  const query = useKeyport((s) => s.query);
  const ecosystem = useKeyport((s) => s.ecosystem);
  const expiringOnly = useKeyport((s) => s.expiringOnly);
  const sort = useKeyport((s) => s.sortChoice);
  const setQuery = useKeyport((s) => s.setQuery);
  const setEcosystem = useKeyport((s) => s.setEcosystem);
  const setExpiringOnly = useKeyport((s) => s.setExpiringOnly);
  const setSort = useKeyport((s) => s.setSort);
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
    <div className="list-toolbar">
      <div className="list-toolbar__row">
        <input
          ref={searchRef}
          type="search"
          className="list-toolbar__search"
          aria-label="Search tokens"
          aria-keyshortcuts="/"
          placeholder="Search   /"
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
        <label className="checkbox list-toolbar__toggle" title={EXPIRING_HINT}>
          <input
            type="checkbox"
            checked={expiringOnly}
            onChange={(e) => setExpiringOnly(e.target.checked)}
          />
          Expired or expiring
        </label>
      </div>
      <div className="list-toolbar__row">
        <select
          aria-label="Filter by ecosystem"
          value={ecosystem}
          onChange={(e) => setEcosystem(e.target.value as Ecosystem | 'all')}
        >
          <option value="all">All ecosystems</option>
          {ECOSYSTEMS.map((eco) => (
            <option key={eco} value={eco}>
              {ECOSYSTEM_LABELS[eco]}
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
        {summary}
      </div>
    </div>
  );
}
