import type { Ecosystem, TokenMeta } from '../../../shared/types';

export type EcosystemFilter = Ecosystem | 'all';

export const SORT_KEYS = ['label', 'newest', 'expiry', 'last-used'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  label: 'Label',
  newest: 'Newest first',
  expiry: 'Expiring soonest',
  'last-used': 'Recently used',
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Missing values always last; ISO date-times in UTC compare correctly as text. */
function byDate(a: string | null, b: string | null, order: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -order : order;
}

const compare: Record<SortKey, (a: TokenMeta, b: TokenMeta) => number> = {
  label: (a, b) => collator.compare(a.label, b.label),
  newest: (a, b) => byDate(a.created, b.created, -1),
  expiry: (a, b) => byDate(a.expires, b.expires, 1),
  'last-used': (a, b) => byDate(a.lastUsed, b.lastUsed, -1),
};

function matches(token: TokenMeta, needle: string): boolean {
  return (
    token.label.toLowerCase().includes(needle) ||
    token.registry.toLowerCase().includes(needle) ||
    token.ecosystem.includes(needle) ||
    (token.user?.toLowerCase().includes(needle) ?? false) ||
    (token.notes?.toLowerCase().includes(needle) ?? false)
  );
}

/** The list as shown: filtered by ecosystem and search text, then sorted (ties keep label order). */
export function visibleTokens(
  tokens: readonly TokenMeta[],
  query: string,
  ecosystem: EcosystemFilter,
  sort: SortKey,
): TokenMeta[] {
  const needle = query.trim().toLowerCase();
  const shown = tokens.filter(
    (t) => (ecosystem === 'all' || t.ecosystem === ecosystem) && (!needle || matches(t, needle)),
  );
  const byKey = compare[sort];
  return shown.sort((a, b) => byKey(a, b) || collator.compare(a.label, b.label));
}
