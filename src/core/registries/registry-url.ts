import { KeyportError } from '../../shared/errors';

/*
 * What a registry URL names, the one place that decides it: the token API's calls, the config
 * writers' entries, the credential gate and the vault's matching all read a registry through here,
 * so a token, its account and its config entry agree on which registry they belong to. POSIX
 * slashes throughout: these are URLs, not paths.
 */

/**
 * Parses the registry URL a token belongs to. Only http(s) without embedded credentials: the
 * credentials are what we write, and a `user:pass@` in the input would leak into entries.
 */
export function parseRegistryUrl(registry: string): URL {
  let url: URL;
  try {
    url = new URL(registry);
  } catch {
    throw new KeyportError('INVALID_INPUT', 'The registry is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KeyportError(
      'INVALID_INPUT',
      'The registry URL must start with https:// or http://.',
    );
  }
  if (url.username || url.password) {
    throw new KeyportError(
      'INVALID_INPUT',
      'The registry URL must not contain a user name or password.',
    );
  }
  return url;
}

/** The registry as a directory URL: no query or fragment, path ending in `/`. */
export function registryBase(registry: string): URL {
  const url = parseRegistryUrl(registry);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * npm's "nerf dart": the key prefix npm looks credentials up by, `//host[:port]/path/`.
 * WHATWG URL already lower-cases the host and drops a default port, as npm's own toNerfDart does;
 * we treat the path as a directory first so `https://host/owner` keeps its `owner/` segment.
 */
export function nerfDart(registry: string): string {
  const url = registryBase(registry);
  return `//${url.host}${url.pathname}`;
}

/**
 * Do two registry URLs name the same registry (host case, a default port, a trailing slash
 * aside)? Then the user's spelling stays as it is. An invalid URL matches nothing.
 */
export function sameRegistry(a: string, b: string): boolean {
  try {
    return registryBase(a).href === registryBase(b).href;
  } catch {
    return false;
  }
}
