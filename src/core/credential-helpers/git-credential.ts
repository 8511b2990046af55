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

/** The server git names in a request, as a URL (with its path under credential.useHttpPath). */
export function gitServerUrl(fields: Map<string, string>): string | undefined {
  return serverOf(fields)?.url;
}

function serverOf(fields: Map<string, string>): { url: string; host: string } | undefined {
  const host = fields.get('host');
  const protocol = fields.get('protocol');
  if (!host || !protocol || !/^[a-z][a-z0-9+.-]*$/i.test(protocol)) return undefined;
  const path = fields.get('path');
  return { url: `${protocol}://${host}${path ? `/${path}` : ''}`, host };
}

export type GitStoreOutcome = 'added' | 'host-added' | 'known' | 'not-accepted';

/**
 * git runs `store` after a server accepted a credential, whichever helper or prompt gave it.
 * The same value already in the vault (by fingerprint) is never added twice: it loses any
 * "refused" mark and, when accepting, gains this server. A new value is added only when the
 * user configured it (`keyport setup git --accept-store`); otherwise git's prompt stays the
 * way in and the vault changes only through Keyport.
 */
export async function gitCredentialStore(
  vault: Vault,
  fields: Map<string, string>,
  accept: boolean,
): Promise<GitStoreOutcome> {
  const server = serverOf(fields);
  const secret = fields.get('password');
  if (!server || !secret) return 'not-accepted';
  const tokens = await vault.list();
  // Reading the fingerprint key costs a keychain read: only when there is something to do.
  if (!accept && !tokens.some((t) => t.refused)) return 'not-accepted';
  const fingerprint = await vault.fingerprint(secret);
  const same = tokens.filter((t) => t.fingerprint === fingerprint);
  for (const t of same) if (t.refused) await vault.markRefused(t.id, null);
  const username = fields.get('username');
  if (same.length > 0) {
    const servable = same.filter((t) => !t.signIn);
    const query = { host: server.host, protocol: fields.get('protocol')! };
    if (!accept || servable.length === 0 || matchToken(servable, query)) return 'known';
    await vault.addServedHost(servable[0]!.id, server.url);
    return 'host-added';
  }
  if (!accept) return 'not-accepted';
  const expiry = Number(fields.get('password_expiry_utc'));
  await vault.add({
    label: `${username ?? DEFAULT_USERNAME} @ ${server.host}`,
    registry: `${server.url}/`.replace(/\/+$/, '/'),
    ecosystem: 'other',
    secret,
    origin: 'pasted',
    ...(username ? { user: username } : {}),
    ...(Number.isFinite(expiry) && expiry > 0
      ? { expires: new Date(expiry * 1000).toISOString() }
      : {}),
    notes: 'Stored by git (git-credential-keyport store).',
  });
  return 'added';
}

/**
 * git runs `erase` when a server refused the credential it sent. The vault token holding that
 * very value (by fingerprint) is marked "refused by git on HOST" for the user to see; it is
 * never deleted, and `get` keeps answering with it (a server's passing 401 must not cost the
 * token). Without a password git names no value, so nothing is marked.
 */
export async function gitCredentialErase(
  vault: Vault,
  fields: Map<string, string>,
): Promise<number> {
  const server = serverOf(fields);
  const secret = fields.get('password');
  if (!server || !secret) return 0;
  const tokens = await vault.list();
  if (tokens.length === 0) return 0;
  const fingerprint = await vault.fingerprint(secret);
  let marked = 0;
  for (const t of tokens) {
    if (t.fingerprint !== fingerprint) continue;
    await vault.markRefused(t.id, { client: 'git', host: server.host });
    marked++;
  }
  return marked;
}
