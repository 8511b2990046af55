import { KeyportError } from '../../shared/errors';
import type { Vault } from '../vault/vault';
import { DEFAULT_USERNAME, matchToken, registryUrl } from './registry-match';

/**
 * The Docker credential-helper protocol (github.com/docker/docker-credential-helpers), which
 * Docker, Podman, Skopeo and Buildah speak: the action as argument, a server URL or a JSON
 * object on stdin, JSON on stdout. This exact sentence on stdout with a non-zero exit is how a
 * client learns "nothing stored" and goes on without credentials.
 */
export const DOCKER_NOT_FOUND = 'credentials not found in native keychain';

export interface DockerCredentials {
  ServerURL: string;
  Username: string;
  Secret: string;
}

/** A registry as the clients name it (`host:port`, `https://host/v1/`) → the host to match. */
export function dockerHost(serverUrl: string): string | undefined {
  const url = registryUrl(serverUrl.trim());
  return url?.host || undefined;
}

export async function dockerCredentialGet(
  vault: Vault,
  serverUrl: string,
): Promise<DockerCredentials | null> {
  const host = dockerHost(serverUrl);
  if (!host) return null;
  const token = matchToken(await vault.list(), { host });
  if (!token) return null;
  return {
    ServerURL: serverUrl.trim(),
    Username: token.user ?? DEFAULT_USERNAME,
    Secret: await vault.reveal(token.id),
  };
}

/**
 * `store` is what `docker login` / `skopeo login` call after the registry accepted the
 * credentials: the value goes into the vault (the keychain), never into auth.json. The same
 * value for the same host and user is kept once.
 */
export async function dockerCredentialStore(vault: Vault, input: string): Promise<void> {
  let body: Partial<DockerCredentials>;
  try {
    body = JSON.parse(input) as Partial<DockerCredentials>;
  } catch {
    throw new KeyportError('INVALID_INPUT', 'store expects a JSON object on stdin.');
  }
  const host = typeof body.ServerURL === 'string' ? dockerHost(body.ServerURL) : undefined;
  if (!host || typeof body.Secret !== 'string' || body.Secret === '') {
    throw new KeyportError('INVALID_INPUT', 'store expects ServerURL, Username and Secret.');
  }
  const user = typeof body.Username === 'string' && body.Username ? body.Username : undefined;
  const fingerprint = await vault.fingerprint(body.Secret);
  const tokens = await vault.list();
  const same = tokens.find(
    (t) => t.fingerprint === fingerprint && registryUrl(t.registry)?.host === host,
  );
  if (same) return;
  await vault.add({
    label: `${user ?? DEFAULT_USERNAME} @ ${host}`,
    registry: /^[a-z][a-z0-9+.-]*:\/\//i.test(body.ServerURL!)
      ? body.ServerURL!
      : `https://${host}`,
    ecosystem: 'other',
    secret: body.Secret,
    origin: 'pasted',
    ...(user ? { user } : {}),
    notes: 'Stored by a container client (docker-credential-keyport store).',
  });
}

/** `list`: every server the helper would answer for, with its user; never a secret. */
export async function dockerCredentialList(vault: Vault): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await vault.list()) {
    if (t.status !== 'ok' || t.signIn) continue;
    const host = registryUrl(t.registry)?.host;
    if (host) out[host] = t.user ?? DEFAULT_USERNAME;
  }
  return out;
}
