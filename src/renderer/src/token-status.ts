import type { TokenMeta, WrittenLocation } from '../../shared/types';
import { expiryInfo, type ExpiryTone } from './format';
import type { RegistryCheck } from './store/keyport-store';

export interface TokenStatus {
  text: string;
  tone: ExpiryTone;
  /** A sentence for the details pane and screen readers. */
  hint: string;
}

/**
 * The one status a list row shows: whatever stops the token working comes first (value gone,
 * revoked on the registry, expired), then how long it has left.
 */
export function tokenStatus(
  token: TokenMeta,
  now: number,
  check: RegistryCheck | undefined,
): TokenStatus {
  if (token.status === 'secret-missing') {
    return {
      text: 'value missing',
      tone: 'expired',
      hint: 'The keychain no longer holds this token’s value.',
    };
  }
  if (check?.state === 'revoked-elsewhere') {
    return {
      text: 'revoked',
      tone: 'expired',
      hint: 'The registry no longer lists this token: it was revoked elsewhere and no longer works.',
    };
  }
  const expiry = expiryInfo(token.expires, now);
  return { ...expiry, hint: expiry.text };
}

/** One place a token's value (or a reference to it) is in a file. */
export interface UsePlace {
  file: string;
  format: WrittenLocation['format'] | 'yarnrc';
  /** 1-based line, when a scan found it. */
  line: number | null;
  entry: string;
  /** A ${KEYPORT_…} style reference rather than the value itself. */
  reference: boolean;
  /** How Keyport knows: it wrote the entry, or a scan found it. */
  source: 'written' | 'found';
  /** How Keyport addressed the entry when it wrote it (for writing it again). */
  written?: WrittenLocation;
  /** What a scan read from the entry itself, for addressing it when Keyport did not write it. */
  registry?: string;
  serverId?: string;
  sourceName?: string;
}

/**
 * Where a token is used: what Keyport wrote and what the last scan found, one entry per file
 * entry. A scan hit on a file Keyport wrote the value to is the same place, with its line.
 */
export function placesOf(token: TokenMeta): UsePlace[] {
  const places: UsePlace[] = token.writtenTo.map((w) => ({
    file: w.file,
    format: w.format,
    line: null,
    entry: w.entry,
    reference: w.target?.reference === true,
    source: 'written',
    written: w,
  }));
  for (const used of token.usedIn ?? []) {
    const same = places.find((p) => p.file === used.file && !p.reference && p.line === null);
    if (same) {
      same.line = used.line;
      continue;
    }
    places.push({
      file: used.file,
      format: used.format,
      line: used.line,
      entry: used.entry,
      reference: false,
      source: 'found',
    });
  }
  return places;
}
