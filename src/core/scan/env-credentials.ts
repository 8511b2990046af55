import { maskSecret } from '../../shared/mask';
import type { FoundCredential } from './find-credentials';

/** Variables whose whole value is a registry credential (npm, yarn, twine, NuGet, Maven, uv, Poetry). */
const SECRET_VARIABLES = new Set([
  'NPM_TOKEN',
  'NPM_AUTH_TOKEN',
  'NODE_AUTH_TOKEN',
  'YARN_NPM_AUTH_TOKEN',
  'YARN_NPM_AUTH_IDENT',
  'NPM_CONFIG__AUTH',
  'NPM_CONFIG__AUTHTOKEN',
  'TWINE_PASSWORD',
  'PYPI_TOKEN',
  'PYPI_API_TOKEN',
  'UV_PUBLISH_TOKEN',
  'UV_PUBLISH_PASSWORD',
  'NUGET_API_KEY',
  'NUGET_AUTH_TOKEN',
  'NUGET_PASSWORD',
  'MAVEN_PASSWORD',
  'MAVEN_REPO_PASSWORD',
  'MAVEN_CENTRAL_TOKEN',
]);

/** Families named after a repository: `UV_INDEX_<NAME>_PASSWORD`, `POETRY_PYPI_TOKEN_<NAME>`, … */
const SECRET_FAMILIES =
  /^(UV_INDEX_\w+_PASSWORD|POETRY_PYPI_TOKEN_\w+|POETRY_HTTP_BASIC_\w+_PASSWORD)$/;

/** Index URLs that are a credential only when they carry one (`https://user:token@host/…`). */
const URL_VARIABLES = new Set([
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_INDEX',
  'NPM_CONFIG_REGISTRY',
]);

/** The npm-side variables, which an .npmrc or .yarnrc.yml can reference to pair them with a registry. */
export const NPM_VARIABLES: ReadonlySet<string> = new Set([
  'NPM_TOKEN',
  'NPM_AUTH_TOKEN',
  'NODE_AUTH_TOKEN',
  'YARN_NPM_AUTH_TOKEN',
]);

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

/**
 * The registry credentials in a dotenv file (`.env`, `.env.local`, …), read the way dotenv does:
 * `KEY=value`, an optional `export`, quotes, and ` #` starting a comment after an unquoted value.
 * A value that only names another variable (`${NPM_TOKEN}`, `$NPM_TOKEN`) is no credential.
 */
export function findEnvCredentials(text: string): FoundCredential[] {
  const found: FoundCredential[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = LINE.exec(lines[i]!.replace(/\r$/, ''));
    if (!m) continue;
    const name = m[1]!;
    const upper = name.toUpperCase();
    const isUrl = URL_VARIABLES.has(upper);
    if (!isUrl && !SECRET_VARIABLES.has(upper) && !SECRET_FAMILIES.test(upper)) continue;
    const value = unquote(m[2]!);
    if (value === '' || /^\$(\{[^}]+\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value)) continue;
    const line = i + 1;
    if (isUrl) {
      const cred = urlCredential(value);
      if (!cred) continue;
      const entry = `${name}=${cred.registry.replace('://', `://${maskSecret(cred.secret)}@`)}`;
      found.push({ line, key: name, entry, value: cred.secret, registry: cred.registry });
    } else {
      found.push({ line, key: name, entry: `${name}=${maskSecret(value)}`, value, registry: null });
    }
  }
  return found;
}

function unquote(raw: string): string {
  const quoted = /^(["'`])(.*)\1/.exec(raw);
  if (quoted) return quoted[2]!;
  return raw.replace(/[ \t]+#.*$/, '');
}

/** The password (or a lone user part, as tokens are often given) of `scheme://user:pass@host/…`. */
export function urlCredential(value: string): { secret: string; registry: string } | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const raw = url.password || url.username;
  if (!raw) return null;
  let secret: string;
  try {
    secret = decodeURIComponent(raw);
  } catch {
    secret = raw;
  }
  return { secret, registry: `${url.origin}${url.pathname}` };
}
