import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import { readConfigFile } from '../configs/config-file';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Vault } from '../vault/vault';
import { dockerCredentialStore, dockerHost } from './docker-credential';

/** The helper name in credHelpers: clients run `docker-credential-<name>` from PATH. */
export const DOCKER_HELPER_NAME = 'keyport';

export interface DockerConfigPlan {
  text: string;
  changed: boolean;
  /** Secrets found under `auths` for those hosts, taken out of the file (to go to the vault). */
  moved: { serverUrl: string; username: string; secret: string }[];
}

type JsonObject = Record<string, unknown>;

/**
 * `credHelpers: { HOST: "keyport" }` for each host, in a Docker config.json or a containers
 * auth.json, and any `auths` secret for those hosts taken out. The rest of the file, key order
 * and indentation (tab as Docker and containers write it, or the file's own) stay as they were.
 */
export function planDockerConfig(text: string | null, hosts: string[]): DockerConfigPlan {
  let config: JsonObject;
  try {
    config = text && text.trim() ? (JSON.parse(text) as JsonObject) : {};
  } catch {
    throw new KeyportError('CONFIG_INVALID', 'The file is not valid JSON; it was left as it was.');
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new KeyportError(
      'CONFIG_INVALID',
      'The file does not hold a JSON object; left as it was.',
    );
  }
  const helpers = objectAt(config, 'credHelpers');
  const moved: DockerConfigPlan['moved'] = [];
  const auths = config.auths;
  for (const host of hosts) {
    helpers[host] = DOCKER_HELPER_NAME;
    if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) continue;
    for (const [key, entry] of Object.entries(auths as JsonObject)) {
      if (dockerHost(key) !== host) continue;
      const secret = secretOf(entry);
      if (secret) moved.push({ serverUrl: key, ...secret });
      delete (auths as JsonObject)[key];
    }
  }
  const indent = /^\{\s*\n([ \t]+)"/.exec(text ?? '')?.[1] ?? '\t';
  const next = `${JSON.stringify(config, null, indent)}\n`;
  return { text: next, changed: next !== text, moved };
}

function objectAt(config: JsonObject, key: string): JsonObject {
  const value = config[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as JsonObject;
  }
  if (value !== undefined) {
    throw new KeyportError(
      'CONFIG_INVALID',
      `"${key}" in the file is not an object; left as it was.`,
    );
  }
  return (config[key] = {});
}

/** A saved login's `auth`, base64 of `user:password`; undefined when it holds no `user:`. */
export function decodeDockerAuth(auth: string): { username: string; secret: string } | undefined {
  const plain = Buffer.from(auth, 'base64').toString('utf8');
  const colon = plain.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: plain.slice(0, colon), secret: plain.slice(colon + 1) };
}

/** `auth` (base64 user:password) or `username`/`password`, as Docker and containers store them. */
function secretOf(entry: unknown): { username: string; secret: string } | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (typeof e.auth === 'string' && e.auth) {
    const login = decodeDockerAuth(e.auth);
    if (login) return login;
  }
  if (typeof e.password === 'string' && e.password) {
    return { username: typeof e.username === 'string' ? e.username : '', secret: e.password };
  }
  return undefined;
}

/**
 * `keyport setup docker`: secrets found for those hosts go to the vault first (so none is lost
 * if the write fails), then the file is rewritten without them, atomically, owner and mode kept
 * (owner-only at most, as it may have held secrets).
 */
export async function setupDockerHelper(
  vault: Vault,
  file: string,
  hosts: string[],
): Promise<{ changed: boolean; imported: number }> {
  const current = await readConfigFile(file);
  const plan = planDockerConfig(current?.bytes.toString('utf8') ?? null, hosts);
  for (const m of plan.moved) {
    await dockerCredentialStore(
      vault,
      JSON.stringify({ ServerURL: m.serverUrl, Username: m.username, Secret: m.secret }),
    );
  }
  if (plan.changed) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, plan.text, {
      mode: current ? current.facts.mode & 0o600 : 0o600,
      ...(current ? { owner: { uid: current.facts.uid, gid: current.facts.gid } } : {}),
    });
  }
  return { changed: plan.changed, imported: plan.moved.length };
}
