import type { Ecosystem, TokenMeta } from '../../../shared/types';
import { expiresSoon } from '../format';

export type EcosystemFilter = Ecosystem | 'all';

export const SORT_KEYS = ['label', 'newest', 'expiry', 'last-used'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  label: 'Name',
  newest: 'Newest',
  expiry: 'Expiry',
  'last-used': 'Last used',
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

/** "Expiring soon" filter: on with the time to judge against, or off. */
export interface ExpiringFilter {
  only: boolean;
  now: number;
}

/**
 * A registry account's session token belongs to its account (the Registries view shows it there),
 * not among the tokens the user keeps.
 */
export function isListed(token: TokenMeta): boolean {
  return token.signIn === undefined;
}

/**
 * The list as shown: session tokens left out, filtered by ecosystem, expiry and search text, then
 * sorted (ties keep label order).
 */
export function visibleTokens(
  tokens: readonly TokenMeta[],
  query: string,
  ecosystem: EcosystemFilter,
  sort: SortKey,
  expiring: ExpiringFilter = { only: false, now: 0 },
): TokenMeta[] {
  const needle = query.trim().toLowerCase();
  const shown = tokens.filter(
    (t) =>
      isListed(t) &&
      (ecosystem === 'all' || t.ecosystem === ecosystem) &&
      (!expiring.only || expiresSoon(t.expires, expiring.now)) &&
      (!needle || matches(t, needle)),
  );
  const byKey = compare[sort];
  return shown.sort((a, b) => byKey(a, b) || collator.compare(a.label, b.label));
}

/**
 * How many tokens expire within the warning window or have expired. Selectors run on every store
 * change, so the count is kept per (list, time) and only recomputed when either changes.
 */
let counted: { tokens: readonly TokenMeta[]; now: number; count: number } | null = null;
export function expiringSoonCount(tokens: readonly TokenMeta[], now: number): number {
  if (counted?.tokens !== tokens || counted.now !== now) {
    counted = {
      tokens,
      now,
      count: tokens.filter((t) => isListed(t) && expiresSoon(t.expires, now)).length,
    };
  }
  return counted.count;
}
