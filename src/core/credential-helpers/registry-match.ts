import type { TokenMeta } from '../../shared/types';

/** What a client asks a credential helper for: a server, perhaps a path and a user. */
export interface CredentialQuery {
  /** `https`, `http`; absent when the client gives only a host (Docker, Podman, Skopeo). */
  protocol?: string;
  /** `host` or `host:port`, as in a URL. */
  host: string;
  /** The path on that server, without its leading slash (git with credential.useHttpPath). */
  path?: string;
  username?: string;
}

/**
 * The vault token that answers `query`, or undefined. Only tokens whose registry is on that very
 * host (and port) qualify: a helper never hands a token to a server it was not stored for. An
 * account's sign-in token (it can mint tokens) and a token whose value is missing never do.
 * Among several, the one whose registry path is the longest prefix of the asked path wins, then
 * the newest.
 */
export function matchToken(tokens: TokenMeta[], query: CredentialQuery): TokenMeta | undefined {
  const host = query.host.toLowerCase();
  const asked = `/${(query.path ?? '').replace(/^\/+/, '')}`;
  let best: { token: TokenMeta; score: number } | undefined;
  for (const token of tokens) {
    if (token.status !== 'ok' || token.signIn) continue;
    if (query.username && token.user && token.user !== query.username) continue;
    // Its registry, and the servers git's accepted `store` added for the same value.
    for (const served of [token.registry, ...(token.servedHosts ?? []).map((h) => h.url)]) {
      const url = registryUrl(served);
      if (!url || url.host.toLowerCase() !== host) continue;
      if (query.protocol && url.protocol !== `${query.protocol.toLowerCase()}:`) continue;
      const base = url.pathname.replace(/\/+$/, '');
      // With no path asked (git's default), any token of the host serves; with one, its registry
      // path must contain it, so a token for /acme/ is not offered for /other/.
      if (query.path !== undefined && base && !`${asked}/`.startsWith(`${base}/`)) continue;
      const score = base.length;
      if (
        !best ||
        score > best.score ||
        (score === best.score && token.created > best.token.created)
      )
        best = { token, score };
    }
  }
  return best?.token;
}

/** A registry as Keyport stores it, as a URL; a bare `host[:port]` (Docker style) gets https. */
export function registryUrl(registry: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(registry) ? registry : `https://${registry}`);
  } catch {
    return undefined;
  }
}

/** The name a client sends for a token without a user: registries that take any name accept it. */
export const DEFAULT_USERNAME = 'keyport';
