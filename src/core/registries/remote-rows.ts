import type { RemoteRow, TokenMeta } from '../../shared/types';
import type { RemoteToken } from '../../shared/registry-types';

/**
 * A registry's token list merged with the vault's tokens from that registry, matched by the
 * registry's key: in Keyport (both), registry only, or revoked elsewhere (only in the vault).
 */
export function mergeRemote(remote: RemoteToken[], local: TokenMeta[]): RemoteRow[] {
  const byKey = new Map(local.filter((t) => t.remoteKey).map((t) => [t.remoteKey, t]));
  const rows: RemoteRow[] = remote.map((r) => {
    const match = byKey.get(r.key);
    byKey.delete(r.key);
    return match
      ? { state: 'in-keyport', remote: r, local: match }
      : { state: 'registry-only', remote: r };
  });
  for (const gone of byKey.values()) rows.push({ state: 'revoked-elsewhere', local: gone });
  return rows;
}
