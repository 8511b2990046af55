/**
 * NuGet package source mapping patterns: a package id (letters, digits, `.`, `-`, `_`; at most 100
 * characters, NuGet's limit), a prefix of one ending in `*`, or `*` alone. Shared by the contract,
 * the NuGet writer and the write dialog, which splits what the user typed into patterns.
 */
export const PACKAGE_PATTERN = /^(\*|[A-Za-z0-9_][A-Za-z0-9._-]{0,99}\*?)$/;

export const PACKAGE_PATTERN_RULE =
  'A package pattern is a package id (Contoso.Tools), a prefix ending in * (Contoso.*), or * alone.';

/** At most this many patterns in one write: a mapping lists prefixes, not every package. */
export const MAX_PACKAGE_PATTERNS = 50;

/** Patterns as typed in one field: separated by spaces or commas. */
export function splitPackagePatterns(typed: string): string[] {
  return typed.split(/[\s,]+/).filter((p) => p !== '');
}
