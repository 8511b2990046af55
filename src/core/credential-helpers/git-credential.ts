import type { Vault } from '../vault/vault';
import { DEFAULT_USERNAME, matchToken, type CredentialQuery } from './registry-match';

/**
 * git's credential helper protocol (gitcredentials(7), git-credential(1)): `key=value` lines on
 * stdin up to a blank line or EOF; for `get`, the helper prints the attributes it fills. Keys we
 * do not know (capability[], wwwauth[], state[]) are ignored, as the protocol asks.
 */
export function parseGitRequest(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '') break;
    const eq = trimmed.indexOf('=');
    if (eq > 0) fields.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  const url = fields.get('url');
  if (url && !fields.has('host')) {
    try {
      const u = new URL(url);
      fields.set('protocol', u.protocol.replace(/:$/, ''));
      fields.set('host', u.host);
      if (u.pathname.length > 1) fields.set('path', u.pathname.slice(1));
    } catch {
      // An unparsable url: no host, so nothing answers.
    }
  }
  return fields;
}

/**
 * The answer to `get`: username, password and, when the token expires, password_expiry_utc so
 * git drops it from caches in time. An empty answer when no vault token is for that host: git
 * then asks its next helper or the user, as with any helper that knows nothing.
 */
export async function gitCredentialGet(vault: Vault, fields: Map<string, string>): Promise<string> {
  const host = fields.get('host');
  if (!host) return '';
  const protocol = fields.get('protocol');
  const path = fields.get('path');
  const username = fields.get('username');
  const query: CredentialQuery = {
    host,
    ...(protocol ? { protocol } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(username ? { username } : {}),
  };
  const token = matchToken(await vault.list(), query);
  if (!token) return '';
  const password = await vault.reveal(token.id);
  const lines = [`username=${username ?? token.user ?? DEFAULT_USERNAME}`, `password=${password}`];
  if (token.expires) {
    lines.push(`password_expiry_utc=${Math.floor(Date.parse(token.expires) / 1000)}`);
  }
  return `${lines.join('\n')}\n`;
}
